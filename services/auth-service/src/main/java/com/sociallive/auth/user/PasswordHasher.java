package com.sociallive.auth.user;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id at OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1; 16-byte salt, 32-byte hash). A login for an
 * unknown account verifies against a dummy hash of the same cost, so that it takes as long as a wrong password.
 */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    private final String dummyHash;

    PasswordHasher() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of one verification and answers false: for logins that name no account. */
    public boolean matchesNothing(String password) {
        encoder.matches(password, dummyHash);
        return false;
    }
}
