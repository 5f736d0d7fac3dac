package com.sociallive.platform.trace;

import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code X-Request-Id} header: echoed when the client sent a sane one, generated otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIds.class.getName();
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {}

    /** The client's id when it is safe to echo (no header injection, bounded length), else a new one. */
    public static String acceptOrGenerate(String fromClient) {
        if (fromClient != null && SANE.matcher(fromClient).matches()) {
            return fromClient;
        }
        return UUID.randomUUID().toString();
    }
}
