package com.sociallive.wallet.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's OpenAPI description, including which payment provider is active. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI walletOpenApi(@Value("${sociallive.wallet.payment-provider:sandbox}") String provider) {
        String providerNote = "sandbox".equalsIgnoreCase(provider)
                ? "Payment provider: SANDBOX (the default). Deposits and withdrawals settle at once and no real money "
                        + "moves."
                : "Payment provider: " + provider + ".";
        return new OpenAPI()
                .info(new Info()
                        .title("Wallet service")
                        .version("v1")
                        .description("Double-entry ledger of Social Live: balances, transaction history, deposits, "
                                + "withdrawals and transfers (money as integer minor units). Every money-moving POST "
                                + "needs an Idempotency-Key. " + providerNote));
    }
}
