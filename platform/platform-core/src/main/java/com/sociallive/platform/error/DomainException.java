package com.sociallive.platform.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on. Carries an {@link ErrorCode}, never an HTTP status: the error advice turns it
 * into problem+json with the code's status.
 */
public class DomainException extends RuntimeException {

    private final transient ErrorCode code;
    private final List<FieldViolation> violations;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DomainException(ErrorCode code, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public static DomainException notFound(String detail) {
        return new DomainException(CommonErrorCode.NOT_FOUND, detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(CommonErrorCode.FORBIDDEN, detail);
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(
                CommonErrorCode.VALIDATION_FAILED, field + ": " + message, List.of(new FieldViolation(field, message)));
    }

    /** Adds a response header, e.g. {@code Retry-After} on RATE_LIMITED. */
    public DomainException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
