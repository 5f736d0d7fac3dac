package com.sociallive.wallet.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sociallive.idempotency.*}.
 *
 * @param ttl how long a key and its stored answer are kept (API.md: 24 h)
 * @param lease how long a claimed key counts as "in progress" before another request may take it over (a request
 *     that crashed mid-way); the work's effect and its stored answer commit together, so a takeover never repeats
 *     an effect
 * @param cleanupInterval how often expired keys are deleted
 * @param cleanupBatch how many expired keys one cleanup statement deletes at most
 */
@ConfigurationProperties("sociallive.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("10m") Duration cleanupInterval,
        @DefaultValue("5000") int cleanupBatch) {}
