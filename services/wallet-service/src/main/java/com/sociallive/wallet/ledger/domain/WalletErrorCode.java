package com.sociallive.wallet.ledger.domain;

import com.sociallive.platform.error.ErrorCode;

/** The wallet's own stable error codes (API.md, internal-apis.md). */
public enum WalletErrorCode implements ErrorCode {
    INSUFFICIENT_FUNDS(422, "Insufficient funds"),
    USER_NOT_FOUND(404, "User not found"),
    REFERENCE_CONFLICT(409, "Reference already used for another transfer");

    private final int status;
    private final String title;

    WalletErrorCode(int status, String title) {
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
