package com.sociallive.platform.security;

import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Gets service tokens from the auth service with the OAuth2 client-credentials grant ({@code POST /oauth/token})
 * and reuses each until a minute before it expires.
 */
class ClientCredentialsTokenSource implements ServiceTokenSource {

    private final RestClient auth;
    private final String clientId;
    private final String clientSecret;
    private volatile String token;
    private volatile Instant refreshAt = Instant.EPOCH;

    ClientCredentialsTokenSource(RestClient auth, String clientId, String clientSecret) {
        this.auth = auth;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String token() {
        if (token == null || Instant.now().isAfter(refreshAt)) {
            synchronized (this) {
                if (token == null || Instant.now().isAfter(refreshAt)) {
                    fetch();
                }
            }
        }
        return token;
    }

    private void fetch() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        TokenAnswer answer = auth.post()
                .uri("/oauth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(TokenAnswer.class);
        if (answer == null || answer.access_token() == null) {
            throw new IllegalStateException("The auth service returned no service token");
        }
        token = answer.access_token();
        refreshAt = Instant.now().plusSeconds(Math.max(10, answer.expires_in() - 60));
    }

    @SuppressWarnings("checkstyle:RecordComponentName")
    record TokenAnswer(String access_token, long expires_in) {}
}
