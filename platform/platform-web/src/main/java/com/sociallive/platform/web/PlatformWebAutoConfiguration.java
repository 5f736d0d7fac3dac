package com.sociallive.platform.web;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Turns on the web conventions of every service: one dependency on platform-web and they are there. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemDetailsAdvice.class, OpenApiDefaults.class})
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnClass(name = "org.springframework.jdbc.CannotGetJdbcConnectionException")
    DatabaseBusyAdvice databaseBusyAdvice(ProblemWriter problems) {
        return new DatabaseBusyAdvice(problems);
    }

    @Bean
    JsonMapperBuilderCustomizer apiJsonCustomizer() {
        return new ApiJsonCustomizer();
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    /**
     * Inside Boot's server observation filter ({@code HIGHEST_PRECEDENCE + 1}), whose span is then current, and
     * before the body limit, whose 413 answers carry the request id.
     */
    @Bean
    FilterRegistrationBean<Filter> requestIdAndTraceFilter(ObjectProvider<Tracer> tracer) {
        FilterRegistrationBean<Filter> registration =
                new FilterRegistrationBean<>(new RequestContextFilter(tracer.getIfAvailable(() -> Tracer.NOOP)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> bodySizeLimitFilter(
            @Value("${sociallive.web.max-body-size:1MB}") DataSize maxBodySize, ProblemWriter problems) {
        FilterRegistrationBean<Filter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBodySize.toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
