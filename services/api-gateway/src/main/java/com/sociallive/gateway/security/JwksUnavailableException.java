package com.sociallive.gateway.security;

/**
 * The auth service's JWKS could not be fetched (refused, timed out, an error answer, an unreadable body): a token that
 * needs it cannot be checked right now. The client gets 503 with {@code Retry-After}, not 401 (its token may be fine)
 * and not 500 (nothing is broken in the gateway).
 */
public class JwksUnavailableException extends RuntimeException {

    JwksUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
