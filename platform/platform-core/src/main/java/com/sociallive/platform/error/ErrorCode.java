package com.sociallive.platform.error;

/**
 * A stable, client-visible error code of the API contract (UPPER_SNAKE). Services declare their own codes as
 * enums implementing this interface; the HTTP status belongs to the code, so domain code never picks a status.
 */
public interface ErrorCode {

    String name();

    int status();

    String title();
}
