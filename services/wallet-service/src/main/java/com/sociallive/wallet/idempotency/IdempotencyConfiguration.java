package com.sociallive.wallet.idempotency;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the idempotency component on: {@link IdempotentExecutor} for controllers and the {@link IdempotencyCleanup}
 * job. Needs the {@code idempotency_keys} table (V3__idempotency.sql) in the service's schema.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc) {
        return new IdempotencyStore(jdbc);
    }

    @Bean
    IdempotentExecutor idempotentExecutor(
            IdempotencyStore store,
            PlatformTransactionManager transactions,
            JsonMapper json,
            IdempotencyProperties properties) {
        return new IdempotentExecutor(store, transactions, json, properties);
    }

    @Bean
    IdempotencyCleanup idempotencyCleanup(IdempotencyStore store, IdempotencyProperties properties) {
        return new IdempotencyCleanup(store, properties);
    }
}
