package com.sociallive.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the deployment files as plain YAML trees; a file that is not valid YAML fails the test that reads it. */
final class Manifests {

    /** The deploy module's folder, whether Maven runs from the root or from the module. */
    static final Path DEPLOY = Files.isDirectory(Path.of("k8s")) ? Path.of(".") : Path.of("deploy");

    static final List<String> SERVICES = List.of(
            "api-gateway", "auth-service", "social-service", "wallet-service", "streaming-service", "commerce-service");

    private Manifests() {}

    static List<Map<String, Object>> documents(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, file + ": a document"));
                }
            }
        }
        return documents;
    }

    static Map<String, Object> single(Path file) throws IOException {
        List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " should hold one YAML document, not " + documents.size());
        }
        return documents.getFirst();
    }

    static Map<String, Object> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new AssertionError(what + " should be a mapping but is " + node);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?> list)) {
            throw new AssertionError(what + " should be a list but is " + node);
        }
        return (List<Object>) list;
    }

    /** Follows a dotted path of keys, e.g. {@code spec.template.spec}. */
    static Object at(Map<String, Object> root, String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            node = map(node, path).get(key);
            if (node == null) {
                throw new AssertionError("missing " + path);
            }
        }
        return node;
    }

    static String text(Map<String, Object> root, String path) {
        return Objects.toString(at(root, path));
    }
}
