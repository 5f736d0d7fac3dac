package com.sociallive.auth.client;

import com.sociallive.auth.token.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The OAuth2 client-credentials grant (RFC 6749 §4.4) for service identities; errors in RFC 6749 §5.2 form. */
@RestController
class OAuthTokenController {

    private final ServiceClientRegistry clients;
    private final TokenIssuer issuer;

    OAuthTokenController(ServiceClientRegistry clients, TokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    @Operation(
            summary = "Service token (client credentials)",
            description =
                    "Form grant_type=client_credentials, client_id, client_secret (or the two in a Basic header) → {access_token, token_type:"
                            + " \"Bearer\", expires_in: 300}. 401 {error: invalid_client} for an unknown client or wrong"
                            + " secret; 400 {error: invalid_request | unsupported_grant_type}.")
    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(
            @RequestBody MultiValueMap<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String grantType = form.getFirst("grant_type");
        String clientId = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        String[] basic = basicCredentials(authorization);
        if (basic != null && clientId == null && secret == null) {
            clientId = basic[0];
            secret = basic[1];
        }
        if (grantType == null || clientId == null || secret == null) {
            return error(400, "invalid_request", "grant_type, client_id and client_secret are required");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(400, "unsupported_grant_type", "Only client_credentials is supported");
        }
        if (!clients.authenticates(clientId, secret)) {
            return error(401, "invalid_client", "Unknown client or wrong secret");
        }
        TokenIssuer.Issued token = issuer.serviceToken(clientId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }

    /** client_secret_basic (RFC 6749 §2.3.1): form-urlencoded id and secret in a Basic header, or null. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String error, String description) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sociallive\"");
        }
        return builder.contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error, "error_description", description));
    }
}
