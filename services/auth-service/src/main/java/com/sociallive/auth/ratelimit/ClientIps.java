package com.sociallive.auth.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a request is counted under: the last entry of {@code X-Forwarded-For} when present, which is
 * the address the gateway itself saw (the entries before it are whatever the client claimed), else the remote
 * address. A client that bypasses the gateway can still choose that header, which is why the per-account limit does
 * not depend on it.
 */
public final class ClientIps {

    private static final int MAX_LENGTH = 64;

    private ClientIps() {}

    public static String of(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null) {
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
            if (!last.isEmpty()) {
                return last.length() > MAX_LENGTH ? last.substring(0, MAX_LENGTH) : last;
            }
        }
        return request.getRemoteAddr();
    }
}
