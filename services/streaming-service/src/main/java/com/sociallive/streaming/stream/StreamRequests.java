package com.sociallive.streaming.stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request and answer bodies of the stream endpoints. */
final class StreamRequests {

    private StreamRequests() {}

    record StartStream(
            @NotBlank @Size(min = 1, max = 140) String title,
            @Size(max = 2000) String description,
            @Size(min = 1, max = 50) String category) {}

    record StreamRef(@NotNull UUID streamId) {}

    record Joined(UUID streamId, int viewerCount, String chatUrl) {}

    record Left(UUID streamId, int viewerCount) {}

    record Removed(UUID streamId, UUID userId, boolean removed, int viewerCount) {}
}
