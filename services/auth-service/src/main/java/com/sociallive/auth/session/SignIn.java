package com.sociallive.auth.session;

import com.sociallive.auth.AuthErrorCode;
import com.sociallive.auth.ratelimit.RateLimits;
import com.sociallive.auth.user.Accounts;
import com.sociallive.auth.user.PasswordHasher;
import com.sociallive.auth.user.UserAccount;
import com.sociallive.auth.user.Usernames;
import com.sociallive.platform.error.DomainException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration and login: rate limits, Argon2id (outside any transaction), then a new session. */
@Service
class SignIn {

    private final Accounts accounts;
    private final PasswordHasher passwords;
    private final RateLimits limits;
    private final Sessions sessions;
    private final TransactionTemplate tx;

    SignIn(Accounts accounts, PasswordHasher passwords, RateLimits limits, Sessions sessions, TransactionTemplate tx) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.limits = limits;
        this.sessions = sessions;
        this.tx = tx;
    }

    TokenResponse register(RegisterRequest request, String clientIp) {
        limits.countIp("register", clientIp);
        String username = Usernames.normalize(request.username())
                .orElseThrow(() -> DomainException.invalid("username", "3..30 of a-z, 0-9, '_' and '.'"));
        String email = Usernames.normalizeEmail(request.email());
        String displayName =
                request.displayName() == null || request.displayName().isBlank()
                        ? username
                        : request.displayName().strip();
        String hash = passwords.hash(request.password());
        return tx.execute(status -> sessions.open(accounts.create(username, email, hash, displayName)));
    }

    TokenResponse login(LoginRequest request, String clientIp) {
        limits.countIp("login", clientIp);
        Optional<UserAccount> account = accounts.findByLogin(request.login());
        // unknown accounts are counted under their login, so that they lock out exactly like real ones
        String accountKey = account.map(a -> "user:" + a.id())
                .orElseGet(() -> "login:" + request.login().trim().toLowerCase(Locale.ROOT));
        limits.beginLogin(accountKey);
        boolean valid = account.map(a -> passwords.matches(request.password(), a.passwordHash()))
                .orElseGet(() -> passwords.matchesNothing(request.password()));
        if (!valid) {
            throw new DomainException(AuthErrorCode.INVALID_CREDENTIALS, "Wrong login or password");
        }
        limits.loginSucceeded(accountKey);
        return tx.execute(status -> sessions.open(account.get()));
    }
}
