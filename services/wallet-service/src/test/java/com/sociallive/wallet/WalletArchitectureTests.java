package com.sociallive.wallet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.sociallive.wallet", importOptions = ImportOption.DoNotIncludeTests.class)
class WalletArchitectureTests {

    /** The ledger's domain is plain Java, like buckpal's Money: no framework in the rules about money. */
    @ArchTest
    static final ArchRule ledgerDomainHasNoSpring = noClasses()
            .that()
            .resideInAPackage("..wallet.ledger.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta..", "tools.jackson..", "com.fasterxml..");

    /** The idempotency component knows nothing of wallets, so that other services can lift it as it is. */
    @ArchTest
    static final ArchRule idempotencyIsIndependent = noClasses()
            .that()
            .resideInAPackage("..wallet.idempotency..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..wallet.ledger..", "..wallet.money..", "..wallet.internal..", "..wallet.payment..");

    /** Jackson 3 only: the Jackson 2 mapper compiles (Flyway drags it in) but there is no such bean. */
    @ArchTest
    static final ArchRule noJackson2Databind =
            noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..");

    /** User-facing features never reach into the internal API, nor the other way round. */
    @ArchTest
    static final ArchRule featuresStayApart = noClasses()
            .that()
            .resideInAPackage("..wallet.money..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..wallet.internal..");
}
