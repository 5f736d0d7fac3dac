package com.sociallive.platform.client;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Timeouts of service-to-service calls ({@code sociallive.client.*}). */
@ConfigurationProperties("sociallive.client")
public record ServiceClientProperties(
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {}
