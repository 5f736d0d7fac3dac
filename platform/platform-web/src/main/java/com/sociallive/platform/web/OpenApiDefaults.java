package com.sociallive.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: titled with the service's name, bearer tokens as the default security, and the
 * error model of API.md. Services add their operations with springdoc annotations.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDefaults {

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI serviceOpenApi(@Value("${spring.application.name:service}") String name) {
        return new OpenAPI()
                .info(new Info()
                        .title(name)
                        .version("v1")
                        .description("Part of the Social Live API. Through the gateway its paths are prefixed with /"
                                + name.replace("-service", "")
                                + ". Errors are RFC 9457 application/problem+json with a stable `code`; see API.md."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
