package io.azsync.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The HTTP server of the REST API: Camel's Vert.x platform-http server, started with limits a
 * hostile client cannot get past. Camel's own server takes Vert.x's defaults (no idle timeout, no
 * limit on connections), which it offers no setting for; so this subclass only replaces how the
 * server is created and listens, and keeps Camel's router, body handling and routes:
 * <ul>
 * <li>at most {@link #MAX_CONNECTIONS} open connections; more are closed at once;</li>
 * <li>a connection must finish its request headers within {@link #HEADER_TIMEOUT} (slow-header
 * clients are disconnected) and is closed after {@link #IDLE_TIMEOUT} without traffic;</li>
 * <li>request line and headers are size-capped, bodies by {@code maxBodySize};</li>
 * <li>{@link RequestGuard} runs before any body is read: the token is checked first.</li>
 * </ul>
 */
final class ApiHttpServer extends VertxPlatformHttpServer {

    static final int MAX_CONNECTIONS = 256;
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final long MAX_BODY_SIZE = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);

    private final VertxPlatformHttpServerConfiguration configuration;
    private final RequestGuard guard;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();
    private HttpServer server;

    ApiHttpServer(String host, int port, RequestGuard guard) {
        this(configuration(host, port), guard);
    }

    private ApiHttpServer(VertxPlatformHttpServerConfiguration configuration, RequestGuard guard) {
        super(configuration);
        this.configuration = configuration;
        this.guard = guard;
    }

    private static VertxPlatformHttpServerConfiguration configuration(String host, int port) {
        VertxPlatformHttpServerConfiguration c = new VertxPlatformHttpServerConfiguration();
        c.setBindHost(host);
        c.setBindPort(port);
        c.setMaxBodySize(MAX_BODY_SIZE);
        return c;
    }

    @Override
    protected void startServer() throws Exception {
        Router router = getCamelContext().getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> r.getServer() == this).findFirst()
                .orElseThrow(() -> new IllegalStateException("Camel's platform-http router of the API server is not in the registry"));
        // before every route Camel adds, so before any body handler reads a byte of the body
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            Long timer = awaitingHeaders.remove(ctx.request().connection());
            if (timer != null) {
                getVertx().cancelTimer(timer);
            }
            guard.handle(ctx);
        });
        // the operator console: static files from the jar (io/azsync/console), no data in them
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        router.get("/console/*").handler(io.vertx.ext.web.handler.StaticHandler.create("io/azsync/console").setCachingEnabled(false)
                .setDirectoryListing(false));
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) IDLE_TIMEOUT.toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(4096).setMaxHeaderSize(16 * 1024)
                // plain HTTP/1.1: no h2c upgrade dance on a connection a refusal closes
                .setHttp2ClearTextEnabled(false);
        server = getVertx().createHttpServer(options);
        server.connectionHandler(this::accept);
        server.requestHandler(router);
        server.listen(configuration.getBindPort(), configuration.getBindHost()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.info("REST API listening on {}:{}", configuration.getBindHost(), server.actualPort());
    }

    private void accept(HttpConnection connection) {
        int count = open.incrementAndGet();
        connection.closeHandler(v -> {
            open.decrementAndGet();
            Long timer = awaitingHeaders.remove(connection);
            if (timer != null) {
                getVertx().cancelTimer(timer);
            }
        });
        if (count > MAX_CONNECTIONS) {
            LOG.warn("REST API: more than {} connections open; closing a new one from {}", MAX_CONNECTIONS, connection.remoteAddress());
            connection.close();
            return;
        }
        awaitingHeaders.put(connection, getVertx().setTimer(HEADER_TIMEOUT.toMillis(), id -> {
            if (awaitingHeaders.remove(connection) != null) {
                connection.close();
            }
        }));
    }

    /** Connections open now (for tests and metrics). */
    int openConnections() {
        return open.get();
    }

    /** The server this class started (Camel's engine reads its port to find the router). */
    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public int getPort() {
        return server != null ? server.actualPort() : configuration.getBindPort();
    }

    @Override
    protected void stopServer() {
        if (server == null) {
            return;
        }
        try {
            CompletableFuture<Void> closed = server.close().toCompletionStage().toCompletableFuture();
            closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("REST API server did not close cleanly: {}", e.getMessage());
        } finally {
            server = null;
        }
    }
}
