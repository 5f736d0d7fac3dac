package com.sociallive.streaming.stream;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.Cursors;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.streaming.config.StreamingErrorCode;
import com.sociallive.streaming.config.StreamingProperties;
import com.sociallive.streaming.room.Viewers;
import com.sociallive.streaming.user.PublicUserSummary;
import com.sociallive.streaming.user.UserDirectory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Starting, ending, listing, joining and leaving live streams. */
@Service
class LiveStreams {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StreamRepository streams;
    private final Viewers viewers;
    private final UserDirectory users;
    private final StreamingProperties properties;

    LiveStreams(StreamRepository streams, Viewers viewers, UserDirectory users, StreamingProperties properties) {
        this.streams = streams;
        this.viewers = viewers;
        this.users = users;
        this.properties = properties;
    }

    StreamView start(CurrentUser host, StreamRequests.StartStream request) {
        String category = request.category() == null ? null : request.category().trim();
        StreamRow row = new StreamRow(
                UuidV7.next(),
                host.id(),
                host.username() == null ? "" : host.username(),
                request.title().trim().isEmpty()
                        ? request.title()
                        : request.title().trim(),
                request.description(),
                category == null || category.isEmpty() ? null : category,
                "LIVE",
                newStreamKey(),
                0,
                0,
                0,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null);
        try {
            streams.insert(row);
        } catch (DuplicateKeyException e) {
            throw new DomainException(StreamingErrorCode.ALREADY_LIVE, "You already have a live stream; end it first");
        }
        return view(row, host.id(), 0, null);
    }

    StreamView end(CurrentUser actor, UUID streamId) {
        StreamRow row = require(streamId);
        if (!row.hostId().equals(actor.id()) && !actor.isAdmin()) {
            throw DomainException.forbidden("Only the host or an admin can end this stream");
        }
        return endStream(row)
                .map(ended -> view(ended, actor.id(), 0, stats(ended)))
                .orElseGet(() -> {
                    StreamRow current = require(streamId);
                    return view(current, actor.id(), 0, stats(current));
                });
    }

    /** Ends a LIVE stream (API or media server); empty when it had already ended. */
    Optional<StreamRow> endStream(StreamRow row) {
        if (!row.live()) {
            return Optional.empty();
        }
        int peak = viewers.peak(row.id());
        Optional<StreamRow> ended = streams.end(row.id(), peak);
        ended.ifPresent(stream -> viewers.streamEnded(stream.id()));
        return ended;
    }

    StreamView get(CurrentUser caller, UUID streamId) {
        StreamRow row = require(streamId);
        return view(row, caller.id(), row.live() ? viewers.count(row.id()) : 0, null);
    }

    CursorPage<StreamView> live(CurrentUser caller, String category, int limit, String cursor) {
        Integer afterViewers = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            List<String> keys = Cursors.decode(cursor, 2);
            try {
                afterViewers = Integer.parseInt(keys.get(0));
                afterId = UUID.fromString(keys.get(1));
            } catch (IllegalArgumentException e) {
                throw Cursors.malformed();
            }
        }
        String filter = category == null || category.isBlank() ? null : category.trim();
        List<StreamRow> rows = streams.live(filter, afterViewers, afterId, limit + 1);
        CursorPage<StreamRow> page = CursorPage.fromOverfetch(
                rows,
                limit,
                row -> Cursors.encode(
                        Integer.toString(row.viewerCount()), row.id().toString()));
        Map<UUID, String> hosts = new LinkedHashMap<>();
        page.items().forEach(row -> hosts.put(row.hostId(), row.hostUsername()));
        Map<UUID, PublicUserSummary> summaries = users.summaries(hosts);
        // the list shows the snapshot it is sorted by, so a page is consistent with its order
        return page.map(row ->
                view(row, summaries.get(row.hostId()), caller.id(), row.viewerCount(), row.peakViewerCount(), null));
    }

    StreamRequests.Joined join(CurrentUser user, UUID streamId) {
        StreamRow row = require(streamId);
        if (!row.live()) {
            throw new DomainException(StreamingErrorCode.STREAM_ENDED, "The stream has ended");
        }
        int count;
        if (row.hostId().equals(user.id())) {
            count = viewers.count(streamId); // the host is not one of their own viewers
        } else {
            if (viewers.isRemoved(streamId, user.id())) {
                throw new DomainException(
                        StreamingErrorCode.REMOVED_FROM_STREAM, "You were removed from this stream by its host");
            }
            count = viewers.join(streamId, user.id());
        }
        return new StreamRequests.Joined(streamId, count, properties.chatUrl() + "?streamId=" + streamId);
    }

    StreamRequests.Left leave(CurrentUser user, UUID streamId) {
        StreamRow row = require(streamId);
        if (!row.live()) {
            return new StreamRequests.Left(streamId, 0);
        }
        return new StreamRequests.Left(streamId, viewers.leave(streamId, user.id()));
    }

    StreamRequests.Removed removeViewer(CurrentUser actor, UUID streamId, UUID userId) {
        StreamRow row = require(streamId);
        if (!row.hostId().equals(actor.id()) && !actor.isAdmin()) {
            throw DomainException.forbidden("Only the host or an admin can remove a viewer");
        }
        if (row.hostId().equals(userId)) {
            throw new DomainException(
                    StreamingErrorCode.CANNOT_REMOVE_HOST, "The host cannot be removed from their own stream");
        }
        if (!row.live()) {
            throw new DomainException(StreamingErrorCode.STREAM_ENDED, "The stream has ended");
        }
        int count = viewers.remove(streamId, userId, actor.id());
        return new StreamRequests.Removed(streamId, userId, true, count);
    }

    private StreamRow require(UUID streamId) {
        return streams.find(streamId).orElseThrow(() -> DomainException.notFound("No stream " + streamId));
    }

    private StreamView.Stats stats(StreamRow row) {
        Instant end = row.endedAt() == null ? Instant.now() : row.endedAt();
        return new StreamView.Stats(
                Math.max(0, Duration.between(row.startedAt(), end).toSeconds()),
                row.peakViewerCount(),
                streams.uniqueViewers(row.id()),
                row.giftsTotal());
    }

    /** One stream, with the live count and peak of the presence store while it is LIVE. */
    private StreamView view(StreamRow row, UUID callerId, int viewerCount, StreamView.Stats stats) {
        int peak = row.live() ? Math.max(row.peakViewerCount(), viewers.peak(row.id())) : row.peakViewerCount();
        return view(row, users.summary(row.hostId(), row.hostUsername()), callerId, viewerCount, peak, stats);
    }

    private StreamView view(
            StreamRow row, PublicUserSummary host, UUID callerId, int viewerCount, int peak, StreamView.Stats stats) {
        boolean isHost = row.hostId().equals(callerId);
        return new StreamView(
                row.id(),
                host,
                row.title(),
                row.description(),
                row.category(),
                row.status(),
                viewerCount,
                Math.max(peak, viewerCount),
                row.startedAt(),
                row.endedAt(),
                properties.playbackBaseUrl() + "/" + row.id() + "/index.m3u8",
                isHost ? row.streamKey() : null,
                isHost ? "rtmp://" + properties.ingestHost() + "/live/" + row.streamKey() : null,
                stats);
    }

    private static String newStreamKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
