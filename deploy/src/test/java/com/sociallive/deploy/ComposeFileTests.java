package com.sociallive.deploy;

import static com.sociallive.deploy.Manifests.DEPLOY;
import static com.sociallive.deploy.Manifests.SERVICES;
import static com.sociallive.deploy.Manifests.at;
import static com.sociallive.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/compose/compose.yaml: everything healthchecked, started in order, wired as the seed's variables say. */
class ComposeFileTests {

    final Map<String, Object> services;

    ComposeFileTests() throws IOException {
        services = map(Manifests.single(DEPLOY.resolve("compose/compose.yaml")).get("services"), "services");
    }

    @Test
    void holdsPostgresRedisAndTheSixServices() {
        assertThat(services.keySet()).contains("postgres", "redis").containsAll(SERVICES);
    }

    @Test
    void everyContainerHasAHealthcheck() {
        services.forEach((name, definition) -> {
            Map<String, Object> healthcheck = map(map(definition, name).get("healthcheck"), name + " healthcheck");
            assertThat(healthcheck.get("test")).as(name).isNotNull();
        });
    }

    @Test
    void servicesWaitForHealthyDependencies() {
        for (String service : SERVICES) {
            Map<String, Object> dependsOn = map(at(map(services.get(service), service), "depends_on"), service);
            assertThat(dependsOn).as(service).isNotEmpty();
            dependsOn.forEach((dependency, condition) -> {
                assertThat(services)
                        .as(service + " depends on a defined service")
                        .containsKey(dependency);
                assertThat(map(condition, dependency).get("condition"))
                        .as(service + " -> " + dependency)
                        .isEqualTo("service_healthy");
            });
        }
        Map<String, Object> gateway = map(at(map(services.get("api-gateway"), "gateway"), "depends_on"), "gateway");
        assertThat(gateway.keySet()).containsAll(SERVICES.subList(1, SERVICES.size()));
    }

    @Test
    void servicesGetTheSeedsVariablesAndBuildFromTheirDockerfile() {
        for (String service : SERVICES) {
            Map<String, Object> definition = map(services.get(service), service);
            Map<String, Object> environment = map(definition.get("environment"), service + " environment");
            assertThat(environment).as(service).containsKeys("PORT", "AUTH_SERVICE_URL", "SOCIAL_SERVICE_URL");
            assertThat(environment.get("AUTH_SERVICE_URL")).isEqualTo("http://auth-service:3001");
            if (!service.equals("api-gateway")) {
                assertThat(String.valueOf(environment.get("DATABASE_URL"))).startsWith("postgresql://");
            }
            Map<String, Object> build = map(definition.get("build"), service + " build");
            Path context = DEPLOY.resolve("compose").resolve(String.valueOf(build.get("context")));
            assertThat(context.resolve("pom.xml"))
                    .as(service + " builds in its module folder")
                    .isRegularFile();
            assertThat(context.resolve(String.valueOf(build.get("dockerfile")))
                            .toAbsolutePath()
                            .normalize())
                    .as(service + " builds with the shared Dockerfile")
                    .isEqualTo(DEPLOY.resolve("docker")
                            .resolve("Dockerfile")
                            .toAbsolutePath()
                            .normalize());
            assertThat(map(build.get("args"), service + " build args"))
                    .containsEntry("SERVICE", service)
                    .containsKey("PORT");
        }
    }

    @Test
    void dockerfileUsesTheLayeredJarAndANonRootUser() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("docker").resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("ARG JRE_IMAGE=eclipse-temurin:25-jre")
                .contains("-Djarmode=tools -jar app.jar extract --layers --launcher")
                .contains("COPY target/${SERVICE}.jar")
                .contains("GET /readyz")
                .containsPattern("(?m)^USER 10001");
        assertThat(List.of(dockerfile.split("\n")))
                .filteredOn(l -> l.startsWith("ENTRYPOINT"))
                .singleElement()
                .asString()
                .contains("JarLauncher");
    }
}
