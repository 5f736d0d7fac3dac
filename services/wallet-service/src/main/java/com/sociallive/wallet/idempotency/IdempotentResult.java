package com.sociallive.wallet.idempotency;

/**
 * What the protected work answers: status, the body (serialized once, stored, and replayed byte for byte), an
 * optional {@code Location}, and whether the work itself found an earlier identical request (e.g. a reused transfer
 * reference), in which case the answer carries {@code Idempotent-Replayed: true} from the start.
 */
public record IdempotentResult(int status, Object body, String location, boolean replayed) {

    public static IdempotentResult created(Object body, String location) {
        return new IdempotentResult(201, body, location, false);
    }

    public static IdempotentResult ok(Object body) {
        return new IdempotentResult(200, body, null, false);
    }
}
