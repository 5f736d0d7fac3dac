package com.sociallive.commerce.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code GET /health} checks the database on a connection of its own instead of the request pool's. During a flash
 * sale hundreds of requests queue for the pool's connections; a health check queued behind them took longer than the
 * gateway's health timeout (1 s), the gateway took the service out of rotation and answered every commerce request
 * 503 at once (bench/RESULTS.md, second round: 93 of 100 payments). A busy pool is not a database that is down: the
 * requests that find no connection in time get their own 503 with Retry-After.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

    /** Replaces Boot's {@code dbHealthIndicator}, which would use the request pool. */
    @Bean
    DataSourceHealthIndicator dbHealthIndicator(DataSource requestPool) throws SQLException {
        return new DedicatedConnectionHealthIndicator(healthPool(requestPool.unwrap(HikariDataSource.class)));
    }

    /** The request pool's settings (URL, user, schema), one connection kept open. */
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

    /** Boot's check (a valid connection), on the dedicated pool, which it closes at shutdown. */
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
