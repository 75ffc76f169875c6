package io.azsync.service;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AZSYNC_RELOAD_WATCH=true}: watches the directories integrators edit and, a second after
 * the last change, reloads exactly as {@code POST /api/reload} does (validated first; an invalid
 * edit is logged with file:line and the running version stays).
 */
final class DirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
    private static final long QUIET_MILLIS = 1000;

    private final WatchService watch;
    private final Thread thread;

    DirectoryWatcher(List<Path> dirs, Reloader reloader, Collection<ConnectorService> services) throws IOException {
        watch = FileSystems.getDefault().newWatchService();
        for (Path dir : dirs) {
            if (dir.toFile().isDirectory()) {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
        thread = new Thread(() -> loop(reloader, services), "azsync-reload-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Reloader reloader, Collection<ConnectorService> services) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watch.take();
                drain(key);
                // wait until the edits settle, then reload once
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                Reloader.Result result = reloader.reload(services);
                if (result.ok()) {
                    LOG.info("Files changed: reloaded ({} streams)", result.streams().size());
                } else {
                    LOG.warn("Files changed but were not reloaded; the running version stays: {}", String.join("; ", result.problems()));
                }
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
