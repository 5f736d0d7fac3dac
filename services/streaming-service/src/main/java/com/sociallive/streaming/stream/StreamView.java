package com.sociallive.streaming.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sociallive.streaming.user.PublicUserSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * API.md {@code Stream}. {@code streamKey} and {@code ingestUrl} are present for the host only; {@code stats} only
 * in the answer of {@code POST /end}.
 */
@Schema(name = "Stream")
record StreamView(
        UUID id,
        PublicUserSummary host,
        String title,
        String description,
        String category,
        @Schema(allowableValues = {"LIVE", "ENDED"}) String status,
        int viewerCount,
        int peakViewerCount,
        Instant startedAt,
        Instant endedAt,
        String playbackUrl,

        @Schema(description = "host only: the secret key the encoder publishes with")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String streamKey,

        @Schema(description = "host only: rtmp://<ingest host>/live/<streamKey>")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String ingestUrl,

        @Schema(description = "only in the answer of POST /end") @JsonInclude(JsonInclude.Include.NON_NULL)
        Stats stats) {

    @Schema(name = "StreamStats")
    record Stats(long durationSeconds, int peakViewerCount, long uniqueViewers, long giftsTotal) {}
}
