package com.sociallive.auth.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a request is counted under: the first entry of {@code X-Forwarded-For} when present (the
 * gateway sets it), else the remote address. A client that bypasses the gateway can choose that header, which is why
 * the per-account limit does not depend on it.
 */
public final class ClientIps {

    private static final int MAX_LENGTH = 64;

    private ClientIps() {}

    public static String of(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                return first.length() > MAX_LENGTH ? first.substring(0, MAX_LENGTH) : first;
            }
        }
        return request.getRemoteAddr();
    }
}
