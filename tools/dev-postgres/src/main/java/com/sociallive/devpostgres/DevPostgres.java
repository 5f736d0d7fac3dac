package com.sociallive.devpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL 18 from a Maven artifact for {@code bin/run}: data kept under the given folder across
 * restarts, listening on localhost only, stopped cleanly on SIGTERM or Ctrl-C.
 *
 * <p>Usage: {@code java -jar dev-postgres.jar <dataDir> <port>}
 */
public final class DevPostgres {

    private DevPostgres() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "var/pgdata").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5433;
        Files.createDirectories(dataDir.getParent());
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(new File(dataDir.getParent().toFile(), "pg-runtime"))
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        System.out.printf(
                "PostgreSQL %s ready on 127.0.0.1:%d (data %s)%n", fresh ? "initialised and" : "", port, dataDir);
        stopped.await();
    }
}
