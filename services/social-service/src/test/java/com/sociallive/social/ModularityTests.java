package com.sociallive.social;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The features (posts, comments, likes, follows, users) stay apart: no cycles, no Jackson 2, no JPA. */
class ModularityTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.sociallive.social");

    @Test
    void shouldKeepFeaturesFreeOfCycles() {
        slices().matching("com.sociallive.social.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void shouldOnlyShareUsersAndWebAcrossFeatures() {
        noClasses()
                .that()
                .resideInAnyPackage("..comments..", "..likes..", "..posts..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..social.follows..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("..users..", "..web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..social.posts..", "..social.comments..", "..social.likes..", "..social.follows..")
                .check(classes);
    }

    @Test
    void shouldNotUseJackson2DatabindOrJpa() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml.jackson.databind..", "jakarta.persistence..")
                .check(classes);
    }
}
