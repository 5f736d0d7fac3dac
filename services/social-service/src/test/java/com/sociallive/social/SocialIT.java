package com.sociallive.social;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The full service on a random port and a real PostgreSQL, with the stand-in auth service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SocialIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api() {
        return new ApiClient(port);
    }

    long rows(String table, String where, Object... params) {
        var sql = jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + where);
        for (Object param : params) {
            sql = sql.param(param);
        }
        return sql.query(Long.class).single();
    }
}
