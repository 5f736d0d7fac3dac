package com.sociallive.commerce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.sociallive.commerce", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles =
            slices().matching("com.sociallive.commerce.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule catalogKnowsNoOrdersOrPayments = noClasses()
            .that()
            .resideInAPackage("..commerce.catalog..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..commerce.order..", "..commerce.payment..");

    @ArchTest
    static final ArchRule ordersDoNotCallThePaymentFeature = noClasses()
            .that()
            .resideInAPackage("..commerce.order..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..commerce.payment..");

    @ArchTest
    static final ArchRule jackson3Only =
            noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..");

    @ArchTest
    static final ArchRule noJpa = noClasses().should().dependOnClassesThat().resideInAPackage("jakarta.persistence..");
}
