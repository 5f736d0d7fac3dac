package com.sociallive.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The edge check is the gateway's own filter ({@code EdgeSecurityWebFilter}); Boot's reactive security
 * auto-configurations would add a filter chain of their own (everything behind a generated password), so they are off.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"
        })
@ConfigurationPropertiesScan
public class ApiGatewayApplication {

    public static void main(String[] args) {
        eventLoopsPerCore();
        SpringApplication.run(ApiGatewayApplication.class, args);
    }

    /**
     * One Netty event loop per core rather than Reactor Netty's default of at least four: on a small host (two cores)
     * four loops only add thread switches between the connections that share the cores. An explicit
     * {@code -Dreactor.netty.ioWorkerCount} (or {@code REACTOR_NETTY_IO_WORKER_COUNT}) still wins.
     */
    static void eventLoopsPerCore() {
        String property = "reactor.netty.ioWorkerCount";
        String fromEnvironment = System.getenv("REACTOR_NETTY_IO_WORKER_COUNT");
        if (System.getProperty(property) == null) {
            System.setProperty(
                    property,
                    fromEnvironment != null && !fromEnvironment.isBlank()
                            ? fromEnvironment.trim()
                            : String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors())));
        }
    }
}
