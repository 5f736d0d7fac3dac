package com.sociallive.commerce;

import com.sociallive.platform.error.ErrorCode;

/** The commerce service's own error codes (API.md "Commerce service"). */
public enum CommerceErrorCode implements ErrorCode {
    OUT_OF_STOCK(422, "Out of stock"),
    MIXED_SELLERS(422, "One order holds the products of one seller"),
    MIXED_CURRENCIES(422, "One order holds products of one currency"),
    OWN_PRODUCT(422, "You cannot order your own product"),
    PRODUCT_UNAVAILABLE(422, "Product is archived"),
    INSUFFICIENT_FUNDS(422, "Insufficient funds"),
    INVALID_STATE(409, "Invalid state for this operation");

    private final int status;
    private final String title;

    CommerceErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
