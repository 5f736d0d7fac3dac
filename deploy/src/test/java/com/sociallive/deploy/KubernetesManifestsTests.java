package com.sociallive.deploy;

import static com.sociallive.deploy.Manifests.DEPLOY;
import static com.sociallive.deploy.Manifests.SERVICES;
import static com.sociallive.deploy.Manifests.at;
import static com.sociallive.deploy.Manifests.list;
import static com.sociallive.deploy.Manifests.map;
import static com.sociallive.deploy.Manifests.ofKind;
import static com.sociallive.deploy.Manifests.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The Kubernetes base and components: every manifest parses and every pod is probed, limited and locked down. */
class KubernetesManifestsTests {

    static final Path BASE = DEPLOY.resolve("k8s/base");
    static final Path COMPONENTS = DEPLOY.resolve("k8s/components");

    @ParameterizedTest
    @FieldSource("com.sociallive.deploy.Manifests#SERVICES")
    void everyServiceHasAServiceAccountADeploymentAndAService(String service) throws IOException {
        List<Map<String, Object>> documents = Manifests.documents(BASE.resolve(service + ".yaml"));
        assertThat(documents)
                .extracting(d -> d.get("kind"))
                .containsExactlyInAnyOrder("ServiceAccount", "Deployment", "Service");
        for (Map<String, Object> document : documents) {
            assertThat(text(document, "metadata.name")).isEqualTo(service);
        }

        Map<String, Object> deployment = ofKind(documents, "Deployment");
        Map<String, Object> pod = map(at(deployment, "spec.template.spec"), "pod spec");
        assertThat(pod.get("serviceAccountName")).isEqualTo(service);
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        Map<String, Object> podLabels = map(at(deployment, "spec.template.metadata.labels"), "pod labels");
        assertThat(podLabels).containsAllEntriesOf(map(at(deployment, "spec.selector.matchLabels"), "selector"));

        List<Object> containers = list(pod.get("containers"), "containers");
        assertThat(containers).hasSize(1);
        Map<String, Object> container = map(containers.getFirst(), "container");
        boolean gateway = service.equals("api-gateway");
        String health = gateway ? "/actuator/health/" : "/health/";
        assertThat(text(container, "livenessProbe.httpGet.path")).isEqualTo(health + "liveness");
        assertThat(text(container, "readinessProbe.httpGet.path")).isEqualTo(health + "readiness");
        for (String resource : new String[] {"requests.cpu", "requests.memory", "limits.cpu", "limits.memory"}) {
            assertThat(text(container, "resources." + resource)).as(resource).isNotBlank();
        }
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(at(container, "securityContext.capabilities.drop"), "drop"))
                .containsExactly("ALL");
        assertThat(list(container.get("volumeMounts"), "mounts"))
                .as("a writable /tmp on a read-only root")
                .anySatisfy(m -> assertThat(map(m, "mount").get("mountPath")).isEqualTo("/tmp"));

        Map<String, Object> port = map(list(container.get("ports"), "ports").getFirst(), "port");
        int expectedPort = gateway ? 8080 : 3001 + SERVICES.indexOf(service) - 1;
        assertThat(port.get("containerPort")).isEqualTo(expectedPort);
        Map<String, Object> svc = ofKind(documents, "Service");
        assertThat(map(at(svc, "spec.selector"), "selector"))
                .containsAllEntriesOf(podLabels.entrySet().stream()
                        .filter(e -> e.getKey().equals("app.kubernetes.io/name"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        Map<String, Object> servicePort =
                map(list(at(svc, "spec.ports"), "ports").getFirst(), "service port");
        assertThat(servicePort.get("port")).isEqualTo(expectedPort);
        assertThat(servicePort.get("targetPort")).isEqualTo(port.get("name"));
    }

    @Test
    void kustomizationListsEveryBaseFileAndNothingMissing() throws IOException {
        assertListsExactlyItsFolder(BASE);
        for (String component : new String[] {"hpa", "redis", "network-policy"}) {
            Map<String, Object> kustomization = Manifests.single(COMPONENTS.resolve(component + "/kustomization.yaml"));
            assertThat(kustomization.get("kind")).isEqualTo("Component");
            assertListsExactlyItsFolder(COMPONENTS.resolve(component));
        }
    }

    @Test
    void theIngressLeadsToTheGatewayOnlyAndNotToItsActuator() throws IOException {
        Map<String, Object> ingress = Manifests.single(BASE.resolve("ingress.yaml"));
        assertThat(ingress.get("kind")).isEqualTo("Ingress");
        Map<String, Object> rule = map(list(at(ingress, "spec.rules"), "rules").getFirst(), "rule");
        List<Object> paths = list(at(rule, "http.paths"), "paths");
        assertThat(paths)
                .extracting(p -> text(map(p, "path"), "path"))
                .contains("/auth", "/social", "/wallet", "/streaming", "/commerce", "/health");
        assertThat(paths).allSatisfy(p -> {
            assertThat(text(map(p, "path"), "backend.service.name")).isEqualTo("api-gateway");
            assertThat(text(map(p, "path"), "path"))
                    .doesNotStartWith("/actuator")
                    .isNotEqualTo("/");
        });
    }

    @Test
    void everyDeploymentOfTheComponentsIsLockedDownToo() throws IOException {
        Map<String, Object> redis = ofKind(Manifests.documents(COMPONENTS.resolve("redis/redis.yaml")), "Deployment");
        Map<String, Object> container = map(
                list(at(redis, "spec.template.spec.containers"), "containers").getFirst(), "container");
        assertThat(at(redis, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(text(container, "resources.limits.memory")).isNotBlank();

        List<Map<String, Object>> autoscalers = Manifests.documents(COMPONENTS.resolve("hpa/hpa.yaml"));
        assertThat(autoscalers)
                .extracting(hpa -> text(hpa, "spec.scaleTargetRef.name"))
                .containsExactlyInAnyOrderElementsOf(SERVICES);

        List<Map<String, Object>> policies =
                Manifests.documents(COMPONENTS.resolve("network-policy/network-policy.yaml"));
        assertThat(policies).allSatisfy(p -> assertThat(p.get("kind")).isEqualTo("NetworkPolicy"));
        assertThat(policies)
                .anySatisfy(p -> assertThat(map(at(p, "spec"), "spec").get("podSelector"))
                        .isEqualTo(Map.of()));
    }

    private static void assertListsExactlyItsFolder(Path folder) throws IOException {
        Map<String, Object> kustomization = Manifests.single(folder.resolve("kustomization.yaml"));
        List<Object> resources = list(kustomization.get("resources"), folder + " resources");
        try (Stream<Path> files = Files.list(folder)) {
            List<String> yamlFiles = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                    .toList();
            assertThat(resources).as(folder.toString()).containsExactlyInAnyOrderElementsOf(yamlFiles);
        }
        for (Object resource : resources) {
            Manifests.documents(folder.resolve(resource.toString())); // every listed file parses
        }
    }
}
