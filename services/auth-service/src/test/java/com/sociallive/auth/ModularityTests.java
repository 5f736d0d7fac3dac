package com.sociallive.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the features of the auth service honest about who may use whom (the house rules in general are in
 * {@code AuthServiceArchitectureTests}).
 */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.sociallive.auth");

    @Test
    void shouldKeepAccountsFreeOfSessionsTokensAndClients() {
        noClasses()
                .that()
                .resideInAPackage("..auth.user..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..auth.session..", "..auth.token..", "..auth.client..", "..auth.ratelimit..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepSigningKeysFreeOfAccountsAndSessions() {
        noClasses()
                .that()
                .resideInAPackage("..auth.token..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..auth.session..", "..auth.user..", "..auth.client..", "..auth.ratelimit..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepRateLimitsAndServiceClientsStandalone() {
        noClasses()
                .that()
                .resideInAnyPackage("..auth.ratelimit..", "..auth.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..auth.session..", "..auth.user..")
                .check(CLASSES);
    }
}
