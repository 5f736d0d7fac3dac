package com.sociallive.streaming.room;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server → client frames of API.md. All text is put into JSON strings by Jackson and nothing else: the server
 * neither interprets nor HTML-escapes what users write; JSON encoding is the boundary, and clients must render
 * chat text as text.
 */
final class RoomFrames {

    private RoomFrames() {}

    static String viewerCount(JsonMapper json, int count) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "viewer_count");
        frame.put("viewerCount", count);
        return json.writeValueAsString(frame);
    }

    static String like(JsonMapper json, long count) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "like");
        frame.put("count", count);
        return json.writeValueAsString(frame);
    }

    static String streamEnded(JsonMapper json) {
        return json.writeValueAsString(Map.of("type", "stream_ended"));
    }

    static String error(JsonMapper json, String code, String detail) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("code", code);
        frame.put("detail", detail);
        return json.writeValueAsString(frame);
    }
}
