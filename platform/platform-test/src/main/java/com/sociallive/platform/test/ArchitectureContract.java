package com.sociallive.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * House rules every service keeps, checked on its compiled classes. A service's {@code XArchitectureTests} extends
 * this from its root package: no Jackson 2 mapper (Boot 4 wires Jackson 3; the Jackson 2 that Flyway drags in
 * compiles but is not the configured mapper), no JPA, no code of another service, no cycles between features.
 */
public abstract class ArchitectureContract {

    private static final String[] SERVICES = {"auth", "social", "wallet", "streaming", "commerce", "gateway"};

    private JavaClasses classes() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(getClass().getPackageName());
    }

    @Test
    void shouldUseJackson3Only() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson.databind..")
                .because("the configured mapper is tools.jackson.databind.json.JsonMapper (STACK-NOTES 3)")
                .check(classes());
    }

    @Test
    void shouldNotUseJpa() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                .because("data access is JdbcClient and explicit SQL (ARCHITECTURE 5)")
                .check(classes());
    }

    @Test
    void shouldNotDependOnAnotherService() {
        String own = getClass().getPackageName();
        for (String service : SERVICES) {
            String other = "com.sociallive." + service;
            if (!own.equals(other)) {
                noClasses()
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(other + "..")
                        .because("services share only platform libraries (ARCHITECTURE 2)")
                        .check(classes());
            }
        }
    }

    @Test
    void shouldKeepFeaturesFreeOfCycles() {
        slices().matching(getClass().getPackageName() + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes());
    }
}
