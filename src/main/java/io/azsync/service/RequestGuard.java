package io.azsync.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The REST API's first check of every request, made on its request line and headers before a byte
 * of its body is read (so an unauthenticated client cannot make the service buffer anything):
 * <ul>
 * <li>a token in the URL ({@code ?authorization=…}, {@code ?access_token=…}) is refused: URLs land
 * in proxy and access logs, and Camel would copy query parameters into headers;</li>
 * <li>every path but {@code /api/health} needs {@code Authorization: Bearer <token>}, compared in
 * constant time; a refusal is a bare 401 and the connection is closed;</li>
 * <li>a declared body larger than its endpoint takes is refused with 413 ({@code POST …/sync}
 * takes a stream list, the others nothing); an undeclared (chunked) one is capped by the
 * server's {@code maxBodySize}.</li>
 * </ul>
 */
final class RequestGuard {

    /** A sync-now body: a list of stream names, and a flag. */
    static final long SYNC_BODY_LIMIT = 16 * 1024;
    /** A connector's definition (POST, PUT, PATCH /api/connectors…). */
    static final long DEFINITION_BODY_LIMIT = 64 * 1024;
    /** Endpoints that take no body. */
    static final long OTHER_BODY_LIMIT = 1024;

    /** Routing-context key set when the request carried the right token (health then shows details). */
    static final String AUTHORIZED = "azsync.authorized";

    private final byte[] token;

    RequestGuard(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void handle(RoutingContext ctx) {
        for (String name : ctx.queryParams().names()) {
            if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("access_token") || name.equalsIgnoreCase("token")) {
                refuse(ctx, 400, "the API token goes in the Authorization header only, never in the URL (URLs end up in proxy "
                        + "and access logs): send 'Authorization: Bearer <token>' and leave '" + name + "' out of the query");
                return;
            }
        }
        boolean authorized = authorized(ctx.request().getHeader("Authorization"));
        ctx.put(AUTHORIZED, authorized);
        String path = ctx.normalizedPath();
        if (!authorized && !path.equals("/api/health") && !console(ctx.request().method(), path)) {
            refuse(ctx, 401, "unauthorized");
            return;
        }
        long limit = bodyLimit(ctx.request().method(), path);
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, 400, "Content-Length is not a number");
                return;
            }
            if (declared > limit) {
                refuse(ctx, 413, "the body is " + declared + " bytes; " + path + " takes at most " + limit);
                return;
            }
        }
        ctx.next();
    }

    /** How large a body an endpoint takes: a connector definition (a PEM certificate in it) 64 KiB, sync-now 16 KiB, others 1 KiB. */
    static long bodyLimit(HttpMethod method, String path) {
        if (method == HttpMethod.POST && path.endsWith("/sync")) {
            return SYNC_BODY_LIMIT;
        }
        boolean definition = (method == HttpMethod.POST && (path.equals("/api/connectors") || path.equals("/api/connector-tests")))
                || ((method == HttpMethod.PUT || method == HttpMethod.PATCH) && path.startsWith("/api/connectors/"));
        return definition ? DEFINITION_BODY_LIMIT : OTHER_BODY_LIMIT;
    }

    /** The console's static files: served without the token (they hold no data; the page asks for the token). */
    static boolean console(HttpMethod method, String path) {
        return method == HttpMethod.GET && (path.equals("/") || path.startsWith("/console/"));
    }

    boolean authorized(String header) {
        byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(given, token);
    }

    /** Answers and closes the connection, so an unread body is never read. */
    private static void refuse(RoutingContext ctx, int status, String error) {
        String body = "{\"error\":\"" + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                .end(body).onComplete(done -> ctx.request().connection().close());
    }
}
