package com.sociallive.streaming.config;

import com.sociallive.platform.error.ErrorCode;

/** The streaming service's own error codes (API.md, Streaming service). */
public enum StreamingErrorCode implements ErrorCode {
    ALREADY_LIVE(409, "The host already has a live stream"),
    STREAM_ENDED(409, "The stream has ended"),
    REMOVED_FROM_STREAM(403, "Removed from this stream"),
    INSUFFICIENT_FUNDS(422, "Insufficient funds"),
    OWN_STREAM(422, "A host cannot gift their own stream"),
    CANNOT_REMOVE_HOST(422, "The host cannot be removed from their own stream");

    private final int status;
    private final String title;

    StreamingErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
