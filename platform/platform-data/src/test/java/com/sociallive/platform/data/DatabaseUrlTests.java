package com.sociallive.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void shouldKeepJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(url.username()).isNull();
    }

    @Test
    void shouldTranslateSeedFormWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://user:p%40ss@postgres:5432/db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/db");
        assertThat(url.username()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("p@ss");
    }

    @Test
    void shouldAcceptPostgresSchemeWithoutPortAndKeepQuery() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@localhost/social?sslmode=disable");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/social?sslmode=disable");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isNull();
    }

    @Test
    void shouldRefuseOtherSchemes() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x@y/z")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotPrintPasswordInToString() {
        assertThat(DatabaseUrl.parse("postgresql://u:secret@h/d").toString()).doesNotContain("secret");
    }
}
