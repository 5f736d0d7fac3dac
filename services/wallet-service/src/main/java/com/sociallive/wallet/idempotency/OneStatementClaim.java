package com.sociallive.wallet.idempotency;

import java.time.Duration;
import java.util.UUID;

/**
 * A claim on an idempotency key for work done in one database statement together with the claim and the stored
 * answer (see {@link IdempotentExecutor#oneStatementClaim}).
 *
 * @param requestHash what "the same request" means (operation and normalized body)
 * @param token identifies this claim: the statement holds the key only when the row carries it
 * @param ttl how long the key and its answer are kept
 */
public record OneStatementClaim(IdempotencyKey key, String requestHash, UUID token, Duration ttl) {}
