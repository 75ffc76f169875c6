package io.azsync.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Installs the test trust store before any test runs, so the JVM's default TLS context picks it up. */
public class TlsSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestTls.install();
    }
}
