package com.sociallive.auth.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what can no longer matter: refresh tokens a day past expiry, login failures and rate counters older than
 * their windows. Idempotent, so every instance may run it.
 */
@Component
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;

    Housekeeping(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void run() {
        try {
            int tokens = jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < clock_timestamp() - interval '1 day'")
                    .update();
            int failures = jdbc.sql("DELETE FROM login_failures WHERE failed_at < clock_timestamp() - interval '1 day'")
                    .update();
            int counters = jdbc.sql(
                            "DELETE FROM rate_counters WHERE window_start < clock_timestamp() - interval '1 hour'")
                    .update();
            log.debug(
                    "Housekeeping: {} refresh tokens, {} login failures, {} rate counters deleted",
                    tokens,
                    failures,
                    counters);
        } catch (RuntimeException e) {
            log.warn("Housekeeping skipped: {}", e.getMessage());
        }
    }
}
