package com.sociallive.gateway;

import io.netty.channel.ChannelOption;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the HTTP client that proxies requests to the services, made on the client once. Spring Cloud Gateway's
 * {@code httpclient.connect-timeout} property would do the same, but its routing filter then applies the option anew
 * to every request, which copies the client's configuration each time.
 */
@Configuration(proxyBeanMethods = false)
class GatewayHttpClientSettings {

    /** A service instance that does not accept a connection within a second is taken for down (503, retried). */
    static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @Bean
    HttpClientCustomizer connectTimeout() {
        return client -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }
}
