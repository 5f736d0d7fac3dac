package com.sociallive.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsernamesTests {

    @Test
    void shouldLowerCaseValidUsernames() {
        assertThat(Usernames.normalize("Alice_01.x")).hasValue("alice_01.x");
        assertThat(Usernames.normalize("abc")).hasValue("abc");
        assertThat(Usernames.normalize("a".repeat(30))).hasValue("a".repeat(30));
    }

    @Test
    void shouldRefuseUsernamesOutsideTheRules() {
        assertThat(Usernames.normalize(null)).isEmpty();
        assertThat(Usernames.normalize("ab")).isEmpty();
        assertThat(Usernames.normalize("a".repeat(31))).isEmpty();
        assertThat(Usernames.normalize("with space")).isEmpty();
        assertThat(Usernames.normalize("dash-name")).isEmpty();
        assertThat(Usernames.normalize("at@name")).isEmpty();
        assertThat(Usernames.normalize("ünïcode")).isEmpty();
        // the Kelvin sign lower-cases to 'k' and the dotted capital I to 'i̇': neither may pass as ASCII
        assertThat(Usernames.normalize("\u212Aelvin")).isEmpty();
        assertThat(Usernames.normalize("\u0130stanbul")).isEmpty();
        assertThat(Usernames.normalize("name\n")).isEmpty();
    }

    @Test
    void shouldAcceptPlausibleEmailsOnly() {
        assertThat(Usernames.isValidEmail("a.b+tag@example.co.uk")).isTrue();
        assertThat(Usernames.isValidEmail("no-at.example.com")).isFalse();
        assertThat(Usernames.isValidEmail("two@@example.com")).isFalse();
        assertThat(Usernames.isValidEmail("nodot@example")).isFalse();
        assertThat(Usernames.isValidEmail("space in@example.com")).isFalse();
        assertThat(Usernames.isValidEmail("x@" + "d".repeat(250) + ".com")).isFalse();
        assertThat(Usernames.normalizeEmail(" Bob@Example.COM ")).isEqualTo("bob@example.com");
    }

    @Test
    void shouldTellEmailLoginsFromUsernames() {
        assertThat(Usernames.looksLikeEmail("bob@example.com")).isTrue();
        assertThat(Usernames.looksLikeEmail("bob")).isFalse();
    }
}
