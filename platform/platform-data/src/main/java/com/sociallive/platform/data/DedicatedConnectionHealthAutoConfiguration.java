package com.sociallive.platform.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@code GET /health} checks the database on a connection of its own instead of the request pool's. Under a burst
 * hundreds of requests queue for the pool; a health check queued behind them took longer than the gateway's health
 * timeout (1 s), the gateway took the instance out of rotation and answered every request of that service 503
 * (bench/RESULTS.md, flash sale, second round). A busy pool is not a database that is down: requests that find no
 * connection in time get their own 503 with Retry-After ({@code DatabaseBusyAdvice}).
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = DataSourceHealthContributorAutoConfiguration.class)
@ConditionalOnClass({HikariDataSource.class, DataSourceHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class
})
@ConditionalOnBean(DataSource.class)
@ConditionalOnEnabledHealthIndicator("db")
public class DedicatedConnectionHealthAutoConfiguration {

    /** Takes the place of Boot's {@code dbHealthContributor}, which would use the request pool. */
    @Bean
    @ConditionalOnMissingBean(name = {"dbHealthIndicator", "dbHealthContributor"})
    DataSourceHealthIndicator dbHealthIndicator(DataSource requestPool) throws SQLException {
        if (!requestPool.isWrapperFor(HikariDataSource.class)) {
            return new DataSourceHealthIndicator(requestPool);
        }
        return new DedicatedConnectionHealthIndicator(healthPool(requestPool.unwrap(HikariDataSource.class)));
    }

    /** The request pool's settings (URL, user, schema) with one connection kept open. */
    private static HikariDataSource healthPool(HikariDataSource requestPool) {
        HikariConfig config = new HikariConfig();
        requestPool.copyStateTo(config);
        config.setPoolName(requestPool.getPoolName() + "-health");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        // under the gateway's 1 s health timeout: an unreachable database is reported, not waited for
        config.setConnectionTimeout(750);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        config.setMetricRegistry(null);
        config.setMetricsTrackerFactory(null);
        config.setHealthCheckRegistry(null);
        return new HikariDataSource(config);
    }

    /** Boot's check (a valid connection) on the dedicated pool, which it closes at shutdown. */
    static final class DedicatedConnectionHealthIndicator extends DataSourceHealthIndicator implements DisposableBean {

        private final HikariDataSource pool;

        DedicatedConnectionHealthIndicator(HikariDataSource pool) {
            super(pool);
            this.pool = pool;
        }

        @Override
        public void destroy() {
            pool.close();
        }
    }
}
