package com.sociallive.commerce.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the commerce service ({@code sociallive.commerce.*}).
 *
 * @param orderTtl how long an order may stay unpaid before the expiry job cancels it
 * @param expiryInterval how often the expiry job runs
 * @param recoveryInterval how often the payment recovery job runs
 * @param recoveryMinAge a PENDING payment attempt untouched for this long is resolved by asking the wallet; must
 *     exceed the wallet client's read timeout so that no call is still in flight
 * @param idempotencyTtl how long an Idempotency-Key is remembered
 * @param idempotencyLockTimeout an IN_PROGRESS key untouched for this long belongs to a crashed request and may be
 *     taken over by a retry with the same body
 */
@Validated
@ConfigurationProperties("sociallive.commerce")
public record CommerceProperties(
        @DefaultValue("15m") Duration orderTtl,
        @DefaultValue("30s") Duration expiryInterval,
        @DefaultValue("10s") Duration recoveryInterval,
        @DefaultValue("15s") Duration recoveryMinAge,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("60s") Duration idempotencyLockTimeout) {}
