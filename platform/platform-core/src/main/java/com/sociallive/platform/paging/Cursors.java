package com.sociallive.platform.paging;

import com.sociallive.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort-key values of the last item of a page, versioned and base64url-encoded. Clients
 * must treat them as opaque; a cursor that does not decode is a 400 VALIDATION_FAILED on {@code cursor}.
 */
public final class Cursors {

    private static final String VERSION = "v1";
    private static final char SEPARATOR = '\u001f';

    private Cursors() {}

    public static String encode(String... keys) {
        StringBuilder raw = new StringBuilder(VERSION);
        for (String key : keys) {
            if (key.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("cursor key contains the separator");
            }
            raw.append(SEPARATOR).append(key);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made by {@link #encode} with exactly {@code expectedKeys} keys. */
    public static List<String> decode(String cursor, int expectedKeys) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        List<String> parts = split(raw);
        if (parts.size() != expectedKeys + 1 || !VERSION.equals(parts.getFirst())) {
            throw malformed();
        }
        return parts.subList(1, parts.size());
    }

    public static DomainException malformed() {
        return DomainException.invalid("cursor", "is not a cursor returned by this endpoint");
    }

    private static List<String> split(String raw) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == SEPARATOR) {
                parts.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(raw.substring(start));
        return parts;
    }
}
