package com.sociallive.platform.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points every Spring test context of a module that depends on platform-test at {@link TestDatabase} and
 * {@link TestAuthServer}: no test needs
 * to configure a datasource, and none can fall back to something that is not PostgreSQL.
 */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new TestDatabaseContextCustomizer();
    }

    private static final class TestDatabaseContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase database = TestDatabase.get();
            Map<String, Object> props = new HashMap<>();
            props.put("spring.datasource.url", database.jdbcUrl());
            props.put("spring.datasource.username", database.username());
            if (database.password() != null) {
                props.put("spring.datasource.password", database.password());
            }
            // the other services' tests meet a stand-in auth service; the auth service's own beans replace it
            props.put("sociallive.services.auth", TestAuthServer.get().url());
            props.put("sociallive.security.issuer", TestAuthServer.ISSUER);
            var sources = context.getEnvironment().getPropertySources();
            var source = new MapPropertySource("sociallive-test-database", props);
            // a test's own @SpringBootTest(properties) still wins, e.g. to point at an unreachable database
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
            } else {
                sources.addFirst(source);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestDatabaseContextCustomizer;
        }

        @Override
        public int hashCode() {
            return TestDatabaseContextCustomizer.class.hashCode();
        }
    }
}
