package com.sociallive.gateway;

import com.sociallive.gateway.upstream.UpstreamProperties;
import java.io.IOException;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * One route per service: {@code /<name>/**} to one of its instances ({@code instances://<name>}, resolved by the
 * balancing filter) with the first path segment stripped, behind the service's circuit breaker and time limit.
 * Idempotent requests whose connection failed (refused, reset, closed before the answer: an {@link IOException}) are
 * retried on another instance; nothing else is retried (not a timeout, not an error answer, not a POST). The
 * streaming WebSocket has its own route without a time limit (a chat connection lives long).
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    @Bean
    RouteLocator serviceRoutes(
            RouteLocatorBuilder builder, ServicesProperties properties, UpstreamProperties upstream) {
        RouteLocatorBuilder.Builder routes = builder.routes();
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
                                .filters(f -> f.stripPrefix(1)
                                        .circuitBreaker(cb -> cb.setName(name))
                                        .retry(retry -> retry.setRetries(upstream.retries())
                                                .setMethods(
                                                        HttpMethod.GET,
                                                        HttpMethod.HEAD,
                                                        HttpMethod.OPTIONS,
                                                        HttpMethod.DELETE)
                                                .setSeries()
                                                .setStatuses()
                                                .setExceptions(IOException.class)))
                                .uri("instances://" + name));
            }
        });
        return routes.build();
    }
}
