package com.sociallive.wallet.idempotency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The answer to send: the first one, or the stored one again with {@code Idempotent-Replayed: true}. */
public record IdempotentResponse(int status, String body, String location, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public ResponseEntity<String> toResponseEntity() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, location);
        }
        if (replayed) {
            headers.set(REPLAYED_HEADER, "true");
        }
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}
