package com.sociallive.auth.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS =
            "id, username, email, password_hash, display_name, bio, avatar_url, roles, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UserAccount account) {
        jdbc.sql("""
                INSERT INTO users (id, username, email, password_hash, display_name, roles, created_at, updated_at)
                VALUES (:id, :username, :email, :hash, :displayName, ARRAY['USER'], :createdAt, :createdAt)
                """)
                .param("id", account.id())
                .param("username", account.username())
                .param("email", account.email())
                .param("hash", account.passwordHash())
                .param("displayName", account.displayName())
                .param("createdAt", Timestamp.from(account.createdAt()))
                .update();
    }

    Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(:username)")
                .param("username", username)
                .query(UserRepository::map)
                .optional();
    }

    Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    List<UserAccount> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id IN (:ids)")
                .param("ids", ids)
                .query(UserRepository::map)
                .list();
    }

    void updateProfile(UUID id, String displayName, String bio, String avatarUrl) {
        jdbc.sql("""
                UPDATE users SET display_name = :displayName, bio = :bio, avatar_url = :avatarUrl, updated_at = :now
                WHERE id = :id
                """)
                .param("id", id)
                .param("displayName", displayName)
                .param("bio", bio)
                .param("avatarUrl", avatarUrl)
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("password_hash"),
                rs.getString("display_name"),
                rs.getString("bio"),
                rs.getString("avatar_url"),
                roles == null ? List.of() : Arrays.asList((String[]) roles.getArray()),
                rs.getTimestamp("created_at").toInstant());
    }
}
