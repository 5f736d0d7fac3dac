package com.sociallive.streaming.stream;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code streams}. */
record StreamRow(
        UUID id,
        UUID hostId,
        String hostUsername,
        String title,
        String description,
        String category,
        String status,
        String streamKey,
        int viewerCount,
        int peakViewerCount,
        long giftsTotal,
        Instant startedAt,
        Instant endedAt) {

    boolean live() {
        return "LIVE".equals(status);
    }
}
