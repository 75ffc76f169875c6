package io.azsync.testing;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS for the in-test fake Azure: a certificate for localhost made once per test JVM, a key store
 * for the fake server, and a trust store holding only that certificate, installed through the
 * JVM's standard {@code javax.net.ssl.trustStore} properties — the same switch operators use for
 * a corporate CA. Nothing turns verification off.
 */
public final class TestTls {

    static final char[] PASSWORD = "test-only".toCharArray();
    private static SSLContext serverContext;

    private TestTls() {
    }

    /** Creates the certificate and sets the trust store properties; must run before any TLS use. */
    public static synchronized void install() {
        if (serverContext != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=azsync tests");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("fake-azure", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("fake-azure", cert);
            Path dir = Files.createDirectories(Path.of("target", "test-tls"));
            Path trustFile = dir.resolve("truststore-" + ProcessHandle.current().pid() + ".p12");
            try (OutputStream out = Files.newOutputStream(trustFile)) {
                trustStore.store(out, PASSWORD);
            }
            System.setProperty("javax.net.ssl.trustStore", trustFile.toAbsolutePath().toString());
            System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            serverContext = context;
            io.azsync.demo.FakeAzure.useServerContext(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test TLS certificate", e);
        }
    }

    public static synchronized SSLContext serverContext() {
        install();
        return serverContext;
    }
}
