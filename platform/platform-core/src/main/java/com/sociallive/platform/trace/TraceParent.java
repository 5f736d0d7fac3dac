package com.sociallive.platform.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}.
 *
 * <p>Micrometer Tracing (OpenTelemetry) reads, continues and sends the header for incoming requests, the gateway's
 * routes and {@code ServiceClients}; the filters keep the current span's context as a request attribute of this type
 * ({@link #ATTRIBUTE}) for problem answers. The parsing here is the fallback where no tracer is at work.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    public static final String HEADER = "traceparent";
    public static final String ATTRIBUTE = TraceParent.class.getName();
    public static final String MDC_KEY = "traceId";
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Continues the caller's trace when the header is valid, else starts a new one. */
    public static TraceParent continueOrStart(String header) {
        if (header != null) {
            var m = FORMAT.matcher(header.trim());
            if (m.matches() && !INVALID_TRACE.equals(m.group(1)) && !INVALID_SPAN.equals(m.group(2))) {
                return new TraceParent(m.group(1), randomHex(8), m.group(3));
            }
        }
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    /** The context of a span that tracing already has (ids in lower-case hex). */
    public static TraceParent of(String traceId, String spanId, boolean sampled) {
        return new TraceParent(traceId, spanId, sampled ? "01" : "00");
    }

    /** The header to send on an outgoing call made while handling this request: same trace, new span. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
