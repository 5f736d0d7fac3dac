package com.sociallive.streaming.stream;

import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.PageLimit;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Streams", description = "Live streams: start, end, list, join, leave, moderation")
class StreamController {

    private final LiveStreams streams;

    StreamController(LiveStreams streams) {
        this.streams = streams;
    }

    @PostMapping("/start")
    @Operation(
            summary = "Go live",
            description = "Starts a LIVE stream of the caller. The answer alone carries streamKey and ingestUrl"
                    + " (rtmp://<ingest host>/live/<streamKey>) for the encoder; others never see them.")
    @ApiResponse(responseCode = "201", description = "Stream, with streamKey and ingestUrl")
    @ApiResponse(responseCode = "409", description = "ALREADY_LIVE: the caller has a LIVE stream")
    ResponseEntity<StreamView> start(CurrentUser user, @Valid @RequestBody StreamRequests.StartStream request) {
        StreamView stream = streams.start(user, request);
        return ResponseEntity.created(URI.create("/streams/" + stream.id())).body(stream);
    }

    @PostMapping("/end")
    @Operation(
            summary = "End a stream",
            description = "Host or ADMIN. Every viewer receives stream_ended and the sockets close. Ending an"
                    + " ENDED stream again answers the same stats.")
    @ApiResponse(responseCode = "200", description = "Stream with status ENDED and stats")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: neither host nor ADMIN")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    StreamView end(CurrentUser user, @Valid @RequestBody StreamRequests.StreamRef request) {
        return streams.end(user, request.streamId());
    }

    @GetMapping("/live")
    @Operation(
            summary = "LIVE streams, most viewers first",
            description = "Keyset pagination on (viewerCount, id), both descending. viewerCount here is the"
                    + " snapshot the list is sorted by, refreshed about twice a second; since counts move while a"
                    + " client pages, the order is a snapshot: a stream whose count changed between two pages may"
                    + " appear on both or on neither. GET /streams/{id} gives the exact current count.")
    CursorPage<StreamView> live(
            CurrentUser user,
            @Parameter(description = "only streams of this category (case-insensitive)") @RequestParam(required = false)
                    String category,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return streams.live(user, category, PageLimit.of(limit), cursor);
    }

    @GetMapping("/streams/{id}")
    @Operation(summary = "One stream", description = "streamKey and ingestUrl only for its host.")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    StreamView get(CurrentUser user, @PathVariable UUID id) {
        return streams.get(user, id);
    }

    @PostMapping("/join")
    @Operation(
            summary = "Join a stream as a viewer",
            description = "Counts the caller once (joining again only refreshes the presence, like a WebSocket"
                    + " heartbeat) until leave, socket close, or 60 s without heartbeat. The host is not counted"
                    + " as a viewer of their own stream. chatUrl is the WebSocket to connect to (add"
                    + " access_token).")
    @ApiResponse(responseCode = "200", description = "{streamId, viewerCount, chatUrl}")
    @ApiResponse(responseCode = "403", description = "REMOVED_FROM_STREAM: the host removed the caller")
    @ApiResponse(responseCode = "409", description = "STREAM_ENDED")
    StreamRequests.Joined join(CurrentUser user, @Valid @RequestBody StreamRequests.StreamRef request) {
        return streams.join(user, request.streamId());
    }

    @PostMapping("/leave")
    @Operation(summary = "Leave a stream", description = "Leaving twice, or an ended stream, is harmless.")
    StreamRequests.Left leave(CurrentUser user, @Valid @RequestBody StreamRequests.StreamRef request) {
        return streams.leave(user, request.streamId());
    }

    @PostMapping("/streams/{id}/viewers/{userId}/remove")
    @Operation(
            summary = "Remove a viewer (moderation)",
            description = "Host or ADMIN. The viewer stops being counted, their sockets on every instance receive"
                    + " {\"type\":\"error\",\"code\":\"REMOVED_FROM_STREAM\"} and close, and they cannot join this"
                    + " stream again (403 REMOVED_FROM_STREAM).")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: neither host nor ADMIN")
    @ApiResponse(responseCode = "409", description = "STREAM_ENDED")
    @ApiResponse(responseCode = "422", description = "CANNOT_REMOVE_HOST")
    StreamRequests.Removed removeViewer(CurrentUser user, @PathVariable UUID id, @PathVariable UUID userId) {
        return streams.removeViewer(user, id, userId);
    }
}
