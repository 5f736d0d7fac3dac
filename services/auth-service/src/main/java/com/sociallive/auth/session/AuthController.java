package com.sociallive.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sociallive.auth.ratelimit.ClientIps;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.platform.security.TokenClaims;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

    private final SignIn signIn;
    private final Sessions sessions;
    private final JwtDecoder decoder;

    AuthController(SignIn signIn, Sessions sessions, JwtDecoder decoder) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.decoder = decoder;
    }

    @Operation(
            summary = "Create an account and sign in",
            description = "201 TokenResponse; 409 USERNAME_TAKEN / EMAIL_TAKEN; 400 VALIDATION_FAILED; 429"
                    + " RATE_LIMITED beyond the per-IP limit. The username is stored lower-case.")
    @PostMapping("/register")
    ResponseEntity<TokenResponse> register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        TokenResponse tokens = signIn.register(request, ClientIps.of(http));
        return ResponseEntity.created(URI.create("/users/" + tokens.user().id()))
                .body(tokens);
    }

    @Operation(
            summary = "Sign in with username or e-mail",
            description = "200 TokenResponse; 401 INVALID_CREDENTIALS (also for an unknown account); 429 RATE_LIMITED"
                    + " with Retry-After after 5 failures for one account within 15 minutes, or beyond the per-IP"
                    + " limit.")
    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return signIn.login(request, ClientIps.of(http));
    }

    @Operation(
            summary = "Exchange a refresh token for a new pair",
            description = "The presented token is used up. 401 INVALID_REFRESH_TOKEN when unknown, expired or"
                    + " revoked; 401 REFRESH_TOKEN_REUSED when it was already used, and then its whole session is"
                    + " revoked.")
    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @Operation(
            summary = "Sign out",
            description = "Ends the session of refreshToken (when it is the caller's), else the session of the"
                    + " access token; allSessions:true ends all of the caller's sessions. Their access tokens are"
                    + " refused everywhere within 5 seconds. 204.")
    @PostMapping("/revoke")
    ResponseEntity<Void> revoke(CurrentUser user, @Valid @RequestBody(required = false) RevokeRequest request) {
        RevokeRequest body = request == null ? new RevokeRequest(null, null) : request;
        sessions.revoke(user, body.refreshToken(), Boolean.TRUE.equals(body.allSessions()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Introspect an access token (RFC 7662 style)",
            description = "{active:true, userId, username, roles, expiresAt} for a valid, unexpired token of a live"
                    + " session; {active:false} otherwise.")
    @PostMapping("/verify")
    Introspection verify(@Valid @RequestBody VerifyRequest request) {
        Jwt jwt;
        try {
            jwt = decoder.decode(request.token());
        } catch (JwtException e) {
            return Introspection.INACTIVE;
        }
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        String service = jwt.getClaimAsString(TokenClaims.SERVICE);
        return new Introspection(
                true,
                service == null ? jwt.getSubject() : null,
                jwt.getClaimAsString(TokenClaims.USERNAME),
                roles == null ? List.of() : roles,
                service,
                jwt.getExpiresAt());
    }

    record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {}

    record RevokeRequest(@Size(max = 512) String refreshToken, Boolean allSessions) {}

    record VerifyRequest(@NotBlank @Size(max = 8192) String token) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Introspection(
            boolean active, String userId, String username, List<String> roles, String service, Instant expiresAt) {
        static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null);
    }
}
