package com.sociallive.platform.paging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The most common keyset position: a timestamp with the row id as tie-breaker. */
public record TimeIdCursor(Instant at, UUID id) {

    public String encode() {
        return Cursors.encode(at.toString(), id.toString());
    }

    /** Decodes a cursor, or returns null when {@code cursor} is null or blank (first page). */
    public static TimeIdCursor decodeOrNull(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        List<String> keys = Cursors.decode(cursor, 2);
        try {
            return new TimeIdCursor(Instant.parse(keys.get(0)), UUID.fromString(keys.get(1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw Cursors.malformed();
        }
    }
}
