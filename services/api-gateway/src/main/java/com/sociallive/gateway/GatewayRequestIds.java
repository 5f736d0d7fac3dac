package com.sociallive.gateway;

import com.sociallive.platform.trace.TraceParent;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code X-Request-Id} at the edge, with the rule of platform-core's {@code RequestIds} (the client's id is echoed when
 * it is 1 to 128 of {@code A-Z a-z 0-9 . _ : -}, else a random UUID is made), made cheaper for a hot path: the check
 * without a regular expression, and the UUID from {@link ThreadLocalRandom} rather than the JDK's shared
 * {@code SecureRandom} (a request id correlates log lines; it is no secret and needs no unpredictability).
 */
final class GatewayRequestIds {

    private GatewayRequestIds() {}

    static String acceptOrGenerate(String fromClient) {
        return isSane(fromClient) ? fromClient : generate();
    }

    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A version 4 (random) UUID, as {@link UUID#randomUUID()} makes, from the thread's own generator. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    /**
     * The {@code traceparent} of a call made for the request: its trace, a new random span id, its sampling flag. The
     * span id comes from the thread's generator, as OpenTelemetry's own ids do.
     */
    static String childTraceparent(TraceParent trace) {
        long spanId;
        do {
            spanId = ThreadLocalRandom.current().nextLong();
        } while (spanId == 0);
        return "00-" + trace.traceId() + "-" + HexFormat.of().toHexDigits(spanId) + "-" + trace.flags();
    }
}
