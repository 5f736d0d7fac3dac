package com.sociallive.streaming.config;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parts of the contract that are no MVC endpoint (the WebSocket protocol) go into the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class StreamingOpenApi {

    static final String DESCRIPTION = """
            Live streams, viewers, WebSocket chat, likes and gifts, media-server hooks.

            **WebSocket** `GET /ws?streamId=<id>&access_token=<token>` (or `Authorization: Bearer`; through the \
            gateway `/streaming/ws`). No or a bad token: the upgrade is refused with 401 problem+json; a service \
            token or a removed viewer 403, unknown stream 404, ended stream 409 STREAM_ENDED. Frames are JSON text.
            On connect the viewer is counted and receives `{"type":"viewer_count","viewerCount":n}` and then the \
            last 50 `chat` frames, oldest first.
            Server → client: `viewer_count` (coalesced: at most 2 per second per stream and instance, only on change), \
            `{"type":"chat","id","user":PublicUserSummary,"text","sentAt"}`, \
            `{"type":"gift","id","streamId","fromUserId","toUserId","amount","currency","giftType","createdAt",\
            "message"?,"from":PublicUserSummary}`, `{"type":"like","count"}` (the stream's total), \
            `{"type":"stream_ended"}` (then the socket closes with 1000), \
            `{"type":"error","code","detail"}` (VALIDATION_FAILED, MALFORMED_REQUEST, RATE_LIMITED, \
            REMOVED_FROM_STREAM: then the socket closes with 1008).
            Close codes: 1000 stream ended, 1008 removed from the stream, 1013 too slow to keep up (reconnect), \
            **4001** when the access token the socket was opened with expires (reason `access token expired`) or \
            its login session is revoked (reason `session revoked`), within seconds: reconnect with a fresh token \
            (a revoked session's refresh fails, so the user logs in again).
            Client → server: `{"type":"chat","text":"1..500 characters"}` (5 per 5 s per user), `{"type":"like"}` \
            (20 per 5 s), `{"type":"heartbeat"}` (at least every 60 s, or the viewer stops being counted).

            **Chat text is data**: it is delivered exactly as sent inside a JSON string. The server neither \
            interprets nor HTML-escapes it; JSON encoding is the boundary, and clients must render it as text, \
            never as markup.
            """;

    @Bean
    OpenApiCustomizer streamingDescription() {
        return openApi -> {
            Info info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
            openApi.setInfo(info.title("streaming-service").description(DESCRIPTION));
        };
    }
}
