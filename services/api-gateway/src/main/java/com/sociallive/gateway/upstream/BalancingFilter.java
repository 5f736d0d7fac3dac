package com.sociallive.gateway.upstream;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.ConnectException;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Resolves a route's {@code instances://<service>} URL to one healthy instance, round-robin. Runs where Spring Cloud
 * LoadBalancer's filter would, after the request URL is known; a retry runs it again and so picks another instance.
 */
class BalancingFilter implements GlobalFilter, Ordered {

    static final String SCHEME = "instances";

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
        URI target = UriComponentsBuilder.fromUri(url)
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
