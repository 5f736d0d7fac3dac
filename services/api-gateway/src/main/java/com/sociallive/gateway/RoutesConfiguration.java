package com.sociallive.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One route per service: {@code /<name>/**} to the service with the first path segment stripped. */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, ServicesProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        properties.services().keySet().forEach(name -> {
            var instances = properties.instancesOf(name);
            if (!instances.isEmpty()) {
                routes.route(
                        name,
                        r -> r.path("/" + name, "/" + name + "/**")
                                .filters(f -> f.stripPrefix(1))
                                .uri(instances.getFirst()));
            }
        });
        return routes.build();
    }
}
