package com.sociallive.platform.test;

import com.sociallive.platform.data.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL that tests run against: {@code TEST_DATABASE_URL} when set (JDBC or postgresql:// form),
 * otherwise one embedded PostgreSQL 18 per JVM. Each JVM gets a fresh database of its own, so test runs never see
 * each other's rows, even on a shared server.
 */
public final class TestDatabase {

    private static volatile TestDatabase instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestDatabase(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    public static TestDatabase get() {
        if (instance == null) {
            synchronized (TestDatabase.class) {
                if (instance == null) {
                    instance = create();
                }
            }
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    private static TestDatabase create() {
        String configured = System.getenv("TEST_DATABASE_URL");
        DatabaseUrl server;
        if (configured != null && !configured.isBlank()) {
            server = DatabaseUrl.parse(configured);
        } else {
            server = startEmbedded();
        }
        String user = server.username() == null ? "postgres" : server.username();
        String database = "test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), user, server.password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create a test database on " + server.jdbcUrl()
                            + ". Unset TEST_DATABASE_URL to use the embedded PostgreSQL, or start your server "
                            + "(e.g. pg_ctlcluster <version> main start).",
                    e);
        }
        return new TestDatabase(replaceDatabase(server.jdbcUrl(), database), user, server.password());
    }

    private static DatabaseUrl startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception ignored) {
                    // the JVM is going away; the temporary data directory is removed by zonky
                }
            }));
            return new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot start the embedded PostgreSQL for tests. Set TEST_DATABASE_URL to a running "
                            + "PostgreSQL instead (e.g. jdbc:postgresql://127.0.0.1:5432/postgres).",
                    e);
        }
    }

    private static String replaceDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + params;
    }
}
