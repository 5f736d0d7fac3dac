package com.sociallive.platform.client;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestInterceptor;

@AutoConfiguration
@EnableConfigurationProperties(ServiceClientProperties.class)
public class PlatformClientAutoConfiguration {

    @Bean
    ServiceClients serviceClients(
            @Value("${spring.application.name}") String serviceName,
            ServiceClientProperties properties,
            ObjectProvider<ClientHttpRequestInterceptor> interceptors,
            ObjectProvider<ObservationRegistry> observations) {
        return new ServiceClients(
                serviceName,
                properties,
                interceptors.orderedStream().toList(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
