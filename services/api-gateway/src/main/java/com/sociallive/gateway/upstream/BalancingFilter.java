package com.sociallive.gateway.upstream;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.ConnectException;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Resolves a route's {@code instances://<service>} URL to one healthy instance, round-robin. Runs where Spring Cloud
 * LoadBalancer's filter would, after the request URL is known; a retry runs it again and so picks another instance.
 */
public final class BalancingFilter implements GlobalFilter, Ordered {

    static final String SCHEME = "instances";

    /**
     * Route metadata: the route's requests go to the instance without their first path segment ({@code /social/posts}
     * to {@code /posts}).
     */
    public static final String STRIP_FIRST_SEGMENT = "sociallive.strip-first-segment";

    private final ServiceInstances instances;

    BalancingFilter(ServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !SCHEME.equals(url.getScheme())) {
            return chain.filter(exchange);
        }
        String service = url.getHost();
        URI instance = instances.next(service);
        if (instance == null) {
            return Mono.error(new NoHealthyInstanceException(service));
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        URI target = route != null && Boolean.TRUE.equals(route.getMetadata().get(STRIP_FIRST_SEGMENT))
                ? strippedTarget(instance, exchange.getRequest().getURI())
                : UriComponentsBuilder.fromUri(url)
                        .scheme(instance.getScheme())
                        .host(instance.getHost())
                        .port(instance.getPort())
                        .build(true)
                        .toUri();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target);
        return chain.filter(exchange).doOnError(e -> {
            if (isConnectFailure(e)) {
                instances.markDown(service, instance);
            }
        });
    }

    /**
     * The instance's URL for the client's request without its first path segment, in one string: what the strip-prefix
     * filter, the route-to-URL filter and the instance's host and port did in three rounds of URI building (and a copy
     * of the request). Empty segments are dropped and a trailing slash kept, as the strip-prefix filter did.
     */
    static URI strippedTarget(URI instance, URI request) {
        String rawPath = request.getRawPath();
        StringBuilder target =
                new StringBuilder(64).append(instance.getScheme()).append("://").append(instance.getRawAuthority());
        int length = target.length();
        int segment = 0;
        int i = 0;
        int end = rawPath == null ? 0 : rawPath.length();
        while (i < end) {
            while (i < end && rawPath.charAt(i) == '/') {
                i++;
            }
            int next = i;
            while (next < end && rawPath.charAt(next) != '/') {
                next++;
            }
            if (next > i) {
                if (segment++ > 0) {
                    target.append('/').append(rawPath, i, next);
                }
            }
            i = next;
        }
        if (target.length() == length) {
            target.append('/');
        } else if (rawPath.endsWith("/")) {
            target.append('/');
        }
        String rawQuery = request.getRawQuery();
        if (rawQuery != null) {
            target.append('?').append(rawQuery);
        }
        return URI.create(target.toString());
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 150;
    }
}
