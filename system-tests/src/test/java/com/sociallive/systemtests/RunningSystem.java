package com.sociallive.systemtests;

import com.sociallive.platform.test.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as a user meets it: the six service jars built by this reactor, each started as its own JVM on
 * free ports, on one real PostgreSQL (embedded, or TEST_DATABASE_URL), wired together through the seed's
 * environment variables. Started once per test JVM, stopped when it exits.
 */
final class RunningSystem {

    static final List<String> SERVICES =
            List.of("auth-service", "social-service", "wallet-service", "streaming-service", "commerce-service");
    /** A second instance of the social service: the gateway balances SOCIAL_SERVICE_URL's two entries. */
    static final String SOCIAL_2 = "social-service#2";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static RunningSystem instance;
    private static RuntimeException startFailure;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path root = Path.of("..").toAbsolutePath().normalize();
    private final Path logs = Path.of("target", "system-logs").toAbsolutePath();

    static synchronized RunningSystem get() {
        if (startFailure != null) {
            throw startFailure; // one failed start-up is reported once per test class, not retried
        }
        if (instance == null) {
            RunningSystem system = new RunningSystem();
            // before starting: a start-up that fails half-way must not leave processes behind
            Runtime.getRuntime().addShutdownHook(new Thread(system::stopAll));
            try {
                system.startAll();
            } catch (RuntimeException e) {
                startFailure = e;
                system.stopAll();
                throw e;
            }
            instance = system;
        }
        return instance;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("api-gateway");
    }

    String serviceUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private void startAll() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
        ports.put(SOCIAL_2, freePort());
        ports.put("api-gateway", freePort());
        TestDatabase database = TestDatabase.get();
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", database.username());
        if (database.password() != null) {
            environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        }
        for (String service : SERVICES) {
            String name = service.substring(0, service.indexOf('-')).toUpperCase();
            environment.put(name + "_SERVICE_URL", serviceUrl(service));
        }
        environment.put("SOCIAL_SERVICE_URL", serviceUrl("social-service") + "," + serviceUrl(SOCIAL_2));
        // auth first: the others fetch its keys and their service tokens from it
        start("auth-service");
        awaitHealthy(List.of("auth-service"));
        for (String service : SERVICES.subList(1, SERVICES.size())) {
            start(service);
        }
        start(SOCIAL_2);
        start("api-gateway");
        List<String> all = new ArrayList<>(SERVICES);
        all.add(SOCIAL_2);
        all.add("api-gateway");
        awaitHealthy(all);
    }

    synchronized void start(String instance) {
        start(instance, Map.of());
    }

    /**
     * Starts one more instance of a service on a port of its own, known to no other service (the gateway does not
     * route to it), with the system's environment plus the given variables; waits until it is healthy.
     */
    String startExtra(String instance, Map<String, String> extraEnvironment) {
        synchronized (this) {
            ports.put(instance, freePort());
            start(instance, extraEnvironment);
        }
        awaitHealthy(List.of(instance));
        return serviceUrl(instance);
    }

    /** The process of a running instance (for a test that signals it itself), or null. */
    synchronized Process process(String instance) {
        return processes.get(instance);
    }

    private synchronized void start(String instance, Map<String, String> extraEnvironment) {
        String service = instance.contains("#") ? instance.substring(0, instance.indexOf('#')) : instance;
        Path jar = root.resolve("services").resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: the system tests run after `mvn package` of the services "
                            + "(bin/test does that)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx256m",
                        "-Xss512k",
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(instance.replace('#', '-') + ".log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        builder.environment().put("PORT", String.valueOf(ports.get(instance)));
        try {
            processes.put(instance, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + instance, e);
        }
    }

    /** Stops a service as an operator would (SIGTERM) and waits until it is gone. */
    synchronized void stop(String service) {
        Process process = processes.remove(service);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills an instance abruptly (SIGKILL), as a crash or an OOM kill would. */
    synchronized void kill(String instance) {
        Process process = processes.remove(instance);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void restart(String service) {
        start(service);
        awaitHealthy(List.of(service));
    }

    void awaitHealthy(List<String> services) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<String> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            waiting.removeIf(this::isHealthy);
            for (String service : waiting) {
                Process process = processes.get(service);
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException(service + " exited during start-up:\n" + tailOfLog(service));
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Not healthy after " + START_TIMEOUT + ": " + waiting + "\n"
                            + tailOfLog(waiting.getFirst()));
                }
                sleep(500);
            }
        }
    }

    private boolean isHealthy(String service) {
        String path = service.startsWith("api-gateway") ? "/actuator/health" : "/health";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + path))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tailOfLog(String service) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(service.replace('#', '-') + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private synchronized void stopAll() {
        List<String> names = new ArrayList<>(processes.keySet());
        names.forEach(name -> processes.get(name).destroy());
        for (String name : names) {
            try {
                if (!processes.get(name).waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    processes.get(name).destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
