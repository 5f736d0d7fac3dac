package com.sociallive.wallet.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes keys older than their time to live (24 h), in batches; safe to run on every instance at once. */
public class IdempotencyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;

    IdempotencyCleanup(IdempotencyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(
            initialDelayString = "${sociallive.idempotency.cleanup-interval:10m}",
            fixedDelayString = "${sociallive.idempotency.cleanup-interval:10m}")
    public int deleteExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteExpired(properties.cleanupBatch());
            total += deleted;
        } while (deleted == properties.cleanupBatch());
        if (total > 0) {
            log.info("Deleted {} expired idempotency keys", total);
        }
        return total;
    }
}
