package com.sociallive.platform.error;

/** Codes that every service and the gateway share (API.md, "status codes"). */
public enum CommonErrorCode implements ErrorCode {
    VALIDATION_FAILED(400, "Validation failed"),
    MALFORMED_REQUEST(400, "Malformed request"),
    IDEMPOTENCY_KEY_REQUIRED(400, "Idempotency-Key header required"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    REQUEST_IN_PROGRESS(409, "Request in progress"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with another request"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    UPSTREAM_TIMEOUT(504, "Upstream timeout");

    private final int status;
    private final String title;

    CommonErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** The common code for a bare HTTP status, for errors raised by the framework rather than by our code. */
    public static CommonErrorCode forStatus(int status) {
        for (CommonErrorCode code : values()) {
            if (code.status == status
                    && code != MALFORMED_REQUEST
                    && code != IDEMPOTENCY_KEY_REQUIRED
                    && code != REQUEST_IN_PROGRESS) {
                return code;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : status == 400 ? MALFORMED_REQUEST : CONFLICT;
    }
}
