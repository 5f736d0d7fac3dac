package com.sociallive.auth.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Username and e-mail rules of API.md: a username is 3..30 of {@code [a-z0-9_.]} and stored lower-case (upper-case
 * ASCII letters are accepted and lowered; no other script, so that two names never look alike); e-mails are stored
 * lower-case.
 */
public final class Usernames {

    /** What a client may send: ASCII letters of either case, digits, '_' and '.'. */
    public static final String INPUT_PATTERN = "^[A-Za-z0-9_.]{3,30}$";

    /** A loose but safe e-mail shape: one '@', no spaces, a dot in the domain, at most 254 characters. */
    public static final String EMAIL_PATTERN = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$";

    private static final Pattern INPUT = Pattern.compile(INPUT_PATTERN);
    private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);

    private Usernames() {}

    /** The stored form of a valid username, or empty when the input breaks the rules. */
    public static Optional<String> normalize(String username) {
        if (username == null || !INPUT.matcher(username).matches()) {
            return Optional.empty();
        }
        return Optional.of(username.toLowerCase(Locale.ROOT));
    }

    public static boolean isValidEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** How a login names its account: an e-mail when it holds an '@', else a username. */
    public static boolean looksLikeEmail(String login) {
        return login.indexOf('@') >= 0;
    }
}
