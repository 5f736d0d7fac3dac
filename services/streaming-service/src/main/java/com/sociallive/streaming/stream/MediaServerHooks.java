package com.sociallive.streaming.stream;

import com.sociallive.platform.error.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media server asks here whether a publisher may go on air, and tells when it stopped. No token: the stream key
 * is the credential. nginx-rtmp ({@code on_publish}/{@code on_publish_done}) posts form fields with the key in
 * {@code name}; SRS ({@code on_publish}/{@code on_unpublish}) posts JSON with the key in {@code stream} and wants
 * {@code {"code":0}} to allow. Both get {@code 200 {"code":0}} to allow, and {@code 403} to deny.
 */
@RestController
@Tag(name = "Media-server hooks", description = "nginx-rtmp and SRS callbacks; public, authorised by the stream key")
class MediaServerHooks {

    private static final Logger log = LoggerFactory.getLogger(MediaServerHooks.class);
    private static final Map<String, Integer> ALLOW = Map.of("code", 0);

    private final StreamRepository streams;
    private final LiveStreams liveStreams;
    private final JsonMapper json;

    MediaServerHooks(StreamRepository streams, LiveStreams liveStreams, JsonMapper json) {
        this.streams = streams;
        this.liveStreams = liveStreams;
        this.json = json;
    }

    @PostMapping(value = "/hooks/publish", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "on_publish: may this key publish?",
            description = "nginx-rtmp form field `name` or SRS JSON field `stream` = stream key. 200 {\"code\":0}"
                    + " for the key of a LIVE stream; 403 for an unknown or ended key.")
    Map<String, Integer> publish(HttpServletRequest request) throws IOException {
        StreamRow stream = liveStreamOf(request);
        streams.markPublishing(stream.id(), true);
        log.info("Media server started publishing stream {}", stream.id());
        return ALLOW;
    }

    @PostMapping(value = "/hooks/unpublish", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "on_publish_done / on_unpublish: the publisher stopped",
            description = "Ends the stream: viewers receive stream_ended. 403 for an unknown or ended key.")
    Map<String, Integer> unpublish(HttpServletRequest request) throws IOException {
        StreamRow stream = liveStreamOf(request);
        liveStreams.endStream(stream);
        log.info("Media server stopped publishing stream {}; it ended", stream.id());
        return ALLOW;
    }

    private StreamRow liveStreamOf(HttpServletRequest request) throws IOException {
        String key = streamKey(request).orElse(null);
        if (key == null || key.isBlank() || key.length() > 200) {
            throw DomainException.forbidden("No stream key");
        }
        return streams.findByKey(key)
                .filter(StreamRow::live)
                .orElseThrow(() -> DomainException.forbidden("Unknown or ended stream key"));
    }

    /** {@code stream} of SRS JSON, else {@code name} of the nginx-rtmp form (or query string). */
    private Optional<String> streamKey(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().contains("json")) {
            String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                JsonNode node = json.readTree(body);
                JsonNode stream = node == null ? null : node.get("stream");
                if (stream == null || !stream.isString()) {
                    stream = node == null ? null : node.get("name");
                }
                return Optional.ofNullable(stream != null && stream.isString() ? stream.stringValue() : null);
            } catch (JacksonException e) {
                return Optional.empty();
            }
        }
        String name = request.getParameter("name");
        return Optional.ofNullable(name != null ? name : request.getParameter("stream"));
    }
}
