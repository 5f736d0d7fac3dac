package com.sociallive.gateway;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import com.sociallive.gateway.upstream.BalancingFilter;
import com.sociallive.gateway.upstream.IdempotentRetry;
import com.sociallive.gateway.upstream.RouteBreakers;
import com.sociallive.gateway.upstream.UpstreamProperties;
import java.io.IOException;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per service: {@code /<name>/**} to one of its instances ({@code instances://<name>}, resolved by the
 * balancing filter) with the first path segment stripped (by the balancing filter, {@code STRIP_FIRST_SEGMENT}), behind the service's circuit breaker and time limit.
 * Idempotent requests whose connection failed (refused, reset, closed before the answer: an {@link IOException}) are
 * retried on another instance ({@link IdempotentRetry}); nothing else is retried (not a timeout, not an error
 * answer, not a POST). The
 * streaming WebSocket has its own route without a time limit (a chat connection lives long).
 *
 * <p>The time limit of a service route is its breaker's, over all attempts; the HTTP client's own response timeout
 * (a second timer per request) is off on those routes.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    @Bean
    RouteLocator serviceRoutes(
            RouteLocatorBuilder builder,
            ServicesProperties properties,
            UpstreamProperties upstream,
            RouteBreakers breakers) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        IdempotentRetry retry = new IdempotentRetry(upstream.retries());
        if (!properties.instancesOf("streaming").isEmpty()) {
            routes.route(
                    "streaming-ws",
                    r -> r.order(-1)
                            .path("/streaming/ws")
                            .filters(f -> f.stripPrefix(1))
                            .uri("instances://streaming"));
        }
        properties.services().keySet().forEach(name -> {
            if (!properties.instancesOf(name).isEmpty()) {
                routes.route(
                        name,
                        r -> r.path("/" + name, "/" + name + "/**")
                                .filters(f -> f.filter(breakers.filterFor(name)).filter(retry))
                                .metadata(RESPONSE_TIMEOUT_ATTR, -1)
                                // the first segment is stripped where the instance is chosen, without a request copy
                                .metadata(BalancingFilter.STRIP_FIRST_SEGMENT, true)
                                .uri("instances://" + name));
            }
        });
        return routes.build();
    }
}
