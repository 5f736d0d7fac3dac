package com.sociallive.gateway.websocket;

import com.sociallive.gateway.security.EdgeIdentity;
import com.sociallive.gateway.upstream.NoHealthyInstanceException;
import com.sociallive.gateway.upstream.ServiceInstances;
import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Relays the chat WebSocket ({@code GET /streaming/ws} with {@code Upgrade: websocket}) to a streaming instance,
 * after the edge filters ran (request id, hidden paths, stripped {@code X-User-*} headers, token check, rate limit).
 *
 * <p>The streaming instance is asked first: only when it accepts the upgrade is the client's upgraded, so a refusal
 * (401, 403, 404, 409 STREAM_ENDED, as problem+json) reaches the client as the service wrote it, and an unreachable
 * instance is a 503 before any upgrade. Then {@link FrameRelay} passes frames between the two connections.
 *
 * <p>This replaces Spring Cloud Gateway's WebSocket routing for this path: that one upgrades the client before it
 * knows whether the service will accept, turns each frame into a Spring {@code WebSocketMessage} and back on another
 * event loop, and keeps its route exchange per socket; at 5,000 viewers its p99 through the gateway was 5 times the
 * direct one (bench/streaming/README.md). Any other request on the path (no upgrade) still goes to the routes.
 */
final class WebSocketRelayWebFilter implements WebFilter, Ordered {

    /** After the edge check (-100) and the rate limits (-90). */
    static final int ORDER = -80;

    static final String PATH = "/streaming/ws";
    private static final String SERVICE = "streaming";
    private static final String UPSTREAM_PATH = "/ws";

    /** Not forwarded: hop-by-hop, or part of the handshake that the gateway's own upstream upgrade writes itself. */
    private static final String REQUEST_ID = RequestIds.HEADER.toLowerCase(Locale.ROOT);

    private static final Set<String> NOT_FORWARDED = Set.of(
            "host",
            "connection",
            "upgrade",
            "keep-alive",
            "te",
            "trailer",
            "transfer-encoding",
            "content-length",
            "proxy-connection",
            "proxy-authorization",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions",
            "sec-websocket-protocol");

    /** Not copied from a refused upgrade's answer to the client's. */
    private static final Set<String> NOT_RETURNED =
            Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "x-request-id");

    private final ServiceInstances instances;
    private final WebSocketRelayProperties properties;
    private final RevokedSessionWatch revokedSessions;

    WebSocketRelayWebFilter(
            ServiceInstances instances, WebSocketRelayProperties properties, RevokedSessionWatch revokedSessions) {
        this.instances = instances;
        this.properties = properties;
        this.revokedSessions = revokedSessions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!isUpgrade(request)
                || !(ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest nativeRequest)
                || !(nativeRequest instanceof Connection connection)
                || !(connection.channel() instanceof SocketChannel client)) {
            return chain.filter(exchange); // not an HTTP/1.1 upgrade on Reactor Netty: the routes handle it
        }
        URI instance = instances.next(SERVICE);
        if (instance == null) {
            return Mono.error(new NoHealthyInstanceException(SERVICE));
        }
        URI target = upstreamUri(instance, request);
        return UpstreamWebSocket.open(
                        client.eventLoop(),
                        client.getClass(),
                        target,
                        forwardedHeaders(exchange),
                        request.getHeaders().getFirst("Sec-WebSocket-Protocol"),
                        properties)
                .doOnError(e -> {
                    if (isRefused(e)) {
                        instances.markDown(SERVICE, instance);
                    }
                })
                .flatMap(answer -> switch (answer) {
                    case UpstreamWebSocket.Refused refused -> refuse(exchange, refused);
                    case UpstreamWebSocket.Accepted accepted -> upgrade(exchange, client, accepted);
                });
    }

    private static boolean isUpgrade(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod())
                && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())
                && PATH.equals(request.getPath().value());
    }

    private static URI upstreamUri(URI instance, ServerHttpRequest request) {
        String scheme = "https".equalsIgnoreCase(instance.getScheme()) ? "wss" : "ws";
        String query = request.getURI().getRawQuery();
        return URI.create(
                scheme + "://" + instance.getRawAuthority() + UPSTREAM_PATH + (query == null ? "" : "?" + query));
    }

    /**
     * The client's headers as the edge filters left them (no client {@code X-User-*}, the request id set), the
     * {@code X-Forwarded-*} headers the routes add, and a {@code traceparent} continuing the request's trace.
     */
    private static io.netty.handler.codec.http.HttpHeaders forwardedHeaders(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            // the edge filters leave the request's headers as the client sent them (HTTP routes drop a client's
            // X-User-* and set the request id and traceparent in ProxiedHeaders' copy): the relay does the same here
            if (!NOT_FORWARDED.contains(lower)
                    && !lower.startsWith("x-user-")
                    && !lower.equals(REQUEST_ID)
                    && !lower.equals(TraceParent.HEADER)) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (exchange.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            headers.set(RequestIds.HEADER, requestId);
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            String address = remote.getAddress().getHostAddress();
            String earlier = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", earlier == null ? address : earlier + ", " + address);
        }
        headers.set(
                "X-Forwarded-Proto",
                request.getURI().getScheme() == null ? "http" : request.getURI().getScheme());
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        headers.set("X-Forwarded-Prefix", "/" + SERVICE);
        if (exchange.getAttribute(TraceParent.ATTRIBUTE) instanceof TraceParent trace) {
            headers.set(TraceParent.HEADER, trace.child().header());
        }
        return headers;
    }

    /** The streaming instance refused the upgrade: its answer goes to the client as it is. */
    private static Mono<Void> refuse(ServerWebExchange exchange, UpstreamWebSocket.Refused refused) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(refused.status().code()));
        refused.headers().forEach(header -> {
            if (!NOT_RETURNED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.getHeaders().add(header.getKey(), header.getValue());
            }
        });
        if (refused.body().length == 0) {
            return response.setComplete();
        }
        DataBuffer body = response.bufferFactory().wrap(refused.body());
        return response.writeWith(Mono.just(body));
    }

    /** The streaming instance accepted: the client is upgraded, with the protocol the instance chose, and relayed. */
    private Mono<Void> upgrade(ServerWebExchange exchange, Channel client, UpstreamWebSocket.Accepted upstream) {
        Instant expiresAt = EdgeIdentity.expiresAt(exchange);
        String sessionId = EdgeIdentity.sessionId(exchange);
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
                .maxFramePayloadLength((int) properties.maxFramePayload().toBytes());
        if (upstream.subprotocol() != null && !upstream.subprotocol().isEmpty()) {
            spec.protocols(upstream.subprotocol());
        }
        Channel upstreamChannel = upstream.channel();
        // setComplete first runs the response's commit actions (security headers, X-Request-Id), as Spring's own
        // upgrade does; the 101 then carries them
        return response.setComplete()
                .then(Mono.defer(() -> nativeResponse.sendWebsocket(
                        (in, out) -> {
                            FrameRelay.start(
                                    client, upstreamChannel, upstream.early(), expiresAt, sessionId, revokedSessions);
                            return Mono.<Void>create(
                                    sink -> client.closeFuture().addListener(closed -> sink.success()));
                        },
                        spec.build())))
                .doFinally(signal -> {
                    if (!client.isActive()) {
                        upstreamChannel.close(); // the client's upgrade failed, or it left before the relay began
                    }
                });
    }

    /**
     * A refused connection takes the instance out of rotation until its health check passes; a connect that merely
     * timed out does not (Netty's {@code ConnectTimeoutException} is a {@code ConnectException} too): under a burst of
     * upgrades a busy instance answers SYNs late, and taking the only one out turned every upgrade of the next
     * health-check interval into a 503.
     */
    static boolean isRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return false;
            }
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
