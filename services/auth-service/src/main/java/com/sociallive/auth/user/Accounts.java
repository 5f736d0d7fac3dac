package com.sociallive.auth.user;

import com.sociallive.auth.AuthErrorCode;
import com.sociallive.auth.AuthProperties;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.security.TokenClaims;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Accounts: creation with unique username and e-mail, lookup by login, roles. */
@Service
public class Accounts {

    private final UserRepository users;
    private final Set<String> admins;

    Accounts(UserRepository users, AuthProperties properties) {
        this.users = users;
        this.admins = properties.admins();
    }

    /**
     * Stores a new account (call inside the transaction that also opens its first session). The unique indexes decide
     * between two concurrent registrations of one name: exactly one wins, the other gets 409.
     */
    public UserAccount create(String username, String email, String passwordHash, String displayName) {
        UserAccount account = new UserAccount(
                UuidV7.next(),
                username,
                email,
                passwordHash,
                displayName,
                null,
                null,
                List.of(TokenClaims.ROLE_USER),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            users.insert(account);
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("users_email_lower_key")) {
                throw new DomainException(AuthErrorCode.EMAIL_TAKEN, "This e-mail address is already registered");
            }
            throw new DomainException(AuthErrorCode.USERNAME_TAKEN, "This username is taken");
        }
        return account;
    }

    /** The account a login names: by e-mail when it holds an '@', else by username. */
    public Optional<UserAccount> findByLogin(String login) {
        String trimmed = login.trim();
        if (Usernames.looksLikeEmail(trimmed)) {
            return users.findByEmail(Usernames.normalizeEmail(trimmed));
        }
        return Usernames.normalize(trimmed).flatMap(users::findByUsername);
    }

    public Optional<UserAccount> find(UUID id) {
        return users.findById(id);
    }

    List<UserAccount> findAll(Collection<UUID> ids) {
        return users.findAll(ids);
    }

    void updateProfile(UUID id, String displayName, String bio, String avatarUrl) {
        users.updateProfile(id, displayName, bio, avatarUrl);
    }

    /** The stored roles, plus ADMIN for the usernames configured as administrators. */
    public List<String> rolesOf(UserAccount account) {
        List<String> roles = new ArrayList<>(account.roles());
        if (admins.contains(account.username()) && !roles.contains(TokenClaims.ROLE_ADMIN)) {
            roles.add(TokenClaims.ROLE_ADMIN);
        }
        return List.copyOf(roles);
    }
}
