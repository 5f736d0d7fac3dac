package com.sociallive.wallet.idempotency;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import java.util.UUID;

/**
 * A client's {@code Idempotency-Key} within its scope: keys are scoped per user (or per calling service), so two
 * users may use the same key without meeting.
 */
public record IdempotencyKey(String scope, String key) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    public static IdempotencyKey forUser(UUID userId, String header) {
        return of("user:" + userId, header);
    }

    public static IdempotencyKey forService(String serviceName, String header) {
        return of("service:" + serviceName, header);
    }

    /** 400 IDEMPOTENCY_KEY_REQUIRED when the header is missing or blank; 400 VALIDATION_FAILED when too long. */
    public static IdempotencyKey of(String scope, String header) {
        if (header == null || header.isBlank()) {
            throw new DomainException(
                    CommonErrorCode.IDEMPOTENCY_KEY_REQUIRED, "Header " + HEADER + " is required on this request");
        }
        if (header.length() > MAX_LENGTH) {
            throw DomainException.invalid(HEADER, "must be 1.." + MAX_LENGTH + " characters");
        }
        return new IdempotencyKey(scope, header);
    }

    /** {@code scope/key}, as recorded beside the effect (e.g. on a journal entry). */
    public String qualified() {
        return scope + "/" + key;
    }
}
