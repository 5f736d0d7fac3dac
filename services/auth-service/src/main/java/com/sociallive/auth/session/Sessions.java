package com.sociallive.auth.session;

import com.sociallive.auth.AuthErrorCode;
import com.sociallive.auth.AuthProperties;
import com.sociallive.auth.token.TokenIssuer;
import com.sociallive.auth.user.Accounts;
import com.sociallive.auth.user.UserAccount;
import com.sociallive.auth.user.UserView;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.security.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refresh sessions ("families"): opened at login or registration, rotated on every refresh (single-use tokens),
 * ended by revocation. Presenting a used-up refresh token again is taken as theft: the whole session is revoked.
 */
@Service
class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    /** Access tokens live 15 minutes: an older revocation cannot matter to anyone any more. */
    private static final Duration REVOCATION_HORIZON = Duration.ofMinutes(16);

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final Accounts accounts;
    private final TokenIssuer issuer;
    private final DatabaseRevokedSessions revokedCache;
    private final Duration refreshTtl;

    Sessions(
            SessionRepository sessions,
            RefreshTokenRepository refreshTokens,
            Accounts accounts,
            TokenIssuer issuer,
            DatabaseRevokedSessions revokedCache,
            AuthProperties properties) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.issuer = issuer;
        this.revokedCache = revokedCache;
        this.refreshTtl = properties.refreshTokenTtl();
    }

    /** Opens a new session for the account and hands out its first token pair (call inside a transaction). */
    TokenResponse open(UserAccount account) {
        UUID sessionId = UuidV7.next();
        sessions.open(sessionId, account.id());
        return issue(account, sessionId);
    }

    /** Uses up a refresh token and returns a new pair of the same session. */
    @Transactional(noRollbackFor = DomainException.class)
    public TokenResponse refresh(String refreshToken) {
        byte[] hash = RefreshTokens.hash(refreshToken);
        RefreshTokenRepository.StoredToken stored =
                refreshTokens.findForUpdate(hash).orElseThrow(Sessions::invalidRefreshToken);
        if (stored.used()) {
            // committed despite the exception (noRollbackFor): a replayed token ends its whole family
            sessions.revoke(stored.sessionId(), "refresh token reused");
            revokedCache.forget();
            log.warn("Refresh token reused: session {} revoked", stored.sessionId());
            throw new DomainException(
                    AuthErrorCode.REFRESH_TOKEN_REUSED,
                    "This refresh token was already used; the session has been revoked, sign in again");
        }
        if (stored.sessionRevoked() || stored.expiresAt().isBefore(Instant.now())) {
            throw invalidRefreshToken();
        }
        refreshTokens.markUsed(hash);
        UserAccount account = accounts.find(stored.userId()).orElseThrow(Sessions::invalidRefreshToken);
        return issue(account, stored.sessionId());
    }

    /**
     * Ends the session of the given refresh token (when it is one of the caller's), else the caller's current
     * session; or every session of the caller.
     */
    @Transactional
    public void revoke(CurrentUser caller, String refreshToken, boolean allSessions) {
        if (allSessions) {
            sessions.revokeAllOf(caller.id(), "signed out everywhere");
        } else if (refreshToken != null && !refreshToken.isBlank()) {
            refreshTokens
                    .findForUpdate(RefreshTokens.hash(refreshToken))
                    .filter(token -> token.userId().equals(caller.id()))
                    .ifPresent(token -> sessions.revoke(token.sessionId(), "signed out"));
        } else if (caller.sessionId() != null) {
            UUID sessionId = UUID.fromString(caller.sessionId());
            sessions.ownerOf(sessionId)
                    .filter(caller.id()::equals)
                    .ifPresent(owner -> sessions.revoke(sessionId, "signed out"));
        }
        revokedCache.forget();
    }

    /** Sessions revoked at or after {@code since} (at most the last 16 minutes), and the time of the answer. */
    @Transactional(readOnly = true)
    public RevokedPage revokedSince(Instant since) {
        Instant asOf = sessions.now();
        Instant horizon = asOf.minus(REVOCATION_HORIZON);
        Instant from = since.isBefore(horizon) ? horizon : since;
        return new RevokedPage(sessions.revokedSince(from), asOf);
    }

    private TokenResponse issue(UserAccount account, UUID sessionId) {
        String refreshToken = RefreshTokens.generate();
        refreshTokens.insert(
                RefreshTokens.hash(refreshToken), sessionId, Instant.now().plus(refreshTtl));
        List<String> roles = accounts.rolesOf(account);
        TokenIssuer.Issued access = issuer.accessToken(account.id(), account.username(), roles, sessionId);
        return new TokenResponse(
                UserView.of(account, roles), access.token(), refreshToken, "Bearer", access.expiresIn());
    }

    private static DomainException invalidRefreshToken() {
        return new DomainException(
                AuthErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is unknown, expired or revoked");
    }

    record RevokedPage(List<SessionRepository.RevokedSession> items, Instant asOf) {}
}
