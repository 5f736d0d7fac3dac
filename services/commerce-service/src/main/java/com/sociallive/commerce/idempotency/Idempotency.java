package com.sociallive.commerce.idempotency;

import com.sociallive.commerce.CommerceErrorCode;
import com.sociallive.commerce.config.CommerceProperties;
import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.error.ErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Idempotency-Key rule of API.md, stored in PostgreSQL per user for 24 h: a first request claims the key
 * (committed at once, state IN_PROGRESS), runs, and records its answer; a retry with the same key and the same
 * request gets that answer again with {@code Idempotent-Replayed: true}; another request under the same key gets 422
 * IDEMPOTENCY_KEY_REUSED; a duplicate that arrives while the first is running gets 409 REQUEST_IN_PROGRESS.
 *
 * <p>A caller records a success with {@link Claim#complete} inside the transaction that makes the change, so that
 * the change and its recorded answer commit together. Business failures (4xx) are recorded too and replayed; bad
 * input (400 VALIDATION_FAILED), a 5xx or an unexpected error releases the key, so that a retry runs again. A key left IN_PROGRESS by a crashed
 * instance can be taken over by a retry of the same request after {@code idempotency-lock-timeout}.
 */
@Component
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CommerceProperties properties;

    Idempotency(JdbcClient jdbc, JsonMapper json, CommerceProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Runs {@code action} at most once per (user, key): the action gets the claim and must call
     * {@link Claim#complete} in its own transaction when it succeeds.
     *
     * @param operation names the endpoint, so that one key cannot be used for two different endpoints
     * @param request the validated request body (its canonical JSON is the fingerprint)
     */
    public ResponseEntity<Object> run(
            UUID userId, String key, String operation, Object request, Function<Claim, ResponseEntity<?>> action) {
        if (key == null || key.isBlank()) {
            throw new DomainException(CommonErrorCode.IDEMPOTENCY_KEY_REQUIRED, "Send an Idempotency-Key header");
        }
        if (key.length() > 255) {
            throw DomainException.invalid(HEADER, "must be at most 255 characters");
        }
        String fingerprint = fingerprint(operation, request);
        if (!claim(userId, key, fingerprint)) {
            return replay(userId, key, fingerprint);
        }
        Claim claim = new Claim(userId, key);
        ResponseEntity<?> response;
        try {
            response = action.apply(claim);
        } catch (DomainException e) {
            if (e.code().status() < 500
                    && e.code() != CommonErrorCode.REQUEST_IN_PROGRESS
                    && e.code() != CommonErrorCode.VALIDATION_FAILED) {
                recordFailure(claim, e);
            } else {
                release(claim);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            release(claim);
            throw e;
        }
        if (!claim.completed) {
            claim.complete(response);
        }
        @SuppressWarnings("unchecked")
        ResponseEntity<Object> answer = (ResponseEntity<Object>) response;
        return answer;
    }

    /**
     * Records the answer of a key still IN_PROGRESS; call it inside the transaction that made the change. The payment
     * recovery also calls it for the key of a request that crashed before it could answer.
     */
    public void complete(UUID userId, String key, ResponseEntity<?> response) {
        URI location = response.getHeaders().getLocation();
        jdbc.sql("""
                        UPDATE idempotency_keys
                           SET state = 'DONE', response_status = :status, response_body = :body,
                               response_location = :location, error_code = NULL
                         WHERE user_id = :user AND idem_key = :key AND state = 'IN_PROGRESS'
                        """)
                .param("status", response.getStatusCode().value())
                .param("body", response.getBody() == null ? null : json.writeValueAsString(response.getBody()))
                .param("location", location == null ? null : location.toString())
                .param("user", userId)
                .param("key", key)
                .update();
    }

    private boolean claim(UUID userId, String key, String fingerprint) {
        Instant now = Instant.now();
        Optional<Boolean> claimed = jdbc.sql("""
                        INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, state, created_at, locked_at)
                        VALUES (:user, :key, :fingerprint, 'IN_PROGRESS', :now, :now)
                        ON CONFLICT (user_id, idem_key) DO UPDATE
                           SET fingerprint = excluded.fingerprint, state = 'IN_PROGRESS', created_at = excluded.created_at,
                               locked_at = excluded.locked_at, response_status = NULL, response_body = NULL,
                               response_location = NULL, error_code = NULL
                         WHERE idempotency_keys.created_at < :expiredBefore
                            OR (idempotency_keys.state = 'IN_PROGRESS'
                                AND idempotency_keys.locked_at < :abandonedBefore
                                AND idempotency_keys.fingerprint = excluded.fingerprint)
                        RETURNING true
                        """)
                .param("user", userId)
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("now", Timestamp.from(now))
                .param("expiredBefore", Timestamp.from(now.minus(properties.idempotencyTtl())))
                .param("abandonedBefore", Timestamp.from(now.minus(properties.idempotencyLockTimeout())))
                .query(Boolean.class)
                .optional();
        return claimed.isPresent();
    }

    private ResponseEntity<Object> replay(UUID userId, String key, String fingerprint) {
        Stored stored = jdbc.sql("""
                        SELECT fingerprint, state, response_status, response_body, response_location, error_code
                          FROM idempotency_keys WHERE user_id = :user AND idem_key = :key
                        """)
                .param("user", userId)
                .param("key", key)
                .query(Stored.class)
                .optional()
                .orElseThrow(() -> new DomainException(
                        CommonErrorCode.REQUEST_IN_PROGRESS, "A request with this Idempotency-Key is in progress"));
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new DomainException(
                    CommonErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for another request within 24 h");
        }
        if (!"DONE".equals(stored.state())) {
            throw new DomainException(
                    CommonErrorCode.REQUEST_IN_PROGRESS, "A request with this Idempotency-Key is in progress");
        }
        if (stored.errorCode() != null) {
            throw new DomainException(errorCode(stored.errorCode()), stored.responseBody())
                    .withHeader(REPLAYED_HEADER, "true");
        }
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(stored.responseStatus()).header(REPLAYED_HEADER, "true");
        if (stored.responseLocation() != null) {
            builder.location(URI.create(stored.responseLocation()));
        }
        if (stored.responseBody() == null) {
            return builder.build();
        }
        JsonNode body = json.readTree(stored.responseBody());
        return builder.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private void recordFailure(Claim claim, DomainException e) {
        jdbc.sql("""
                        UPDATE idempotency_keys
                           SET state = 'DONE', response_status = :status, response_body = :detail, error_code = :code
                         WHERE user_id = :user AND idem_key = :key AND state = 'IN_PROGRESS'
                        """)
                .param("status", e.code().status())
                .param("detail", e.getMessage())
                .param("code", e.code().name())
                .param("user", claim.userId)
                .param("key", claim.key)
                .update();
    }

    private void release(Claim claim) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE user_id = :user AND idem_key = :key AND state = 'IN_PROGRESS'")
                .param("user", claim.userId)
                .param("key", claim.key)
                .update();
    }

    /** Forgets keys older than the TTL. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < :before")
                .param("before", Timestamp.from(Instant.now().minus(properties.idempotencyTtl())))
                .update();
    }

    private static ErrorCode errorCode(String name) {
        for (CommerceErrorCode code : CommerceErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        for (CommonErrorCode code : CommonErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return CommonErrorCode.CONFLICT;
    }

    private String fingerprint(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(
            String fingerprint,
            String state,
            Integer responseStatus,
            String responseBody,
            String responseLocation,
            String errorCode) {}

    /** A key this request owns until it records an answer. */
    public final class Claim {
        private final UUID userId;
        private final String key;
        private boolean completed;

        private Claim(UUID userId, String key) {
            this.userId = userId;
            this.key = key;
        }

        public UUID userId() {
            return userId;
        }

        public String key() {
            return key;
        }

        /** Records the answer; call it inside the transaction that made the change. */
        public void complete(ResponseEntity<?> response) {
            Idempotency.this.complete(userId, key, response);
            completed = true;
        }
    }
}
