package com.sociallive.wallet.ledger.domain;

/**
 * What an account belongs to. User accounts never go below zero; platform accounts mirror money that entered or left
 * the system (deposits go negative as users top up) and may be negative.
 */
public enum AccountKind {
    USER,
    PLATFORM_DEPOSITS,
    PLATFORM_WITHDRAWALS,
    PLATFORM_FEES;

    public boolean mayGoNegative() {
        return this != USER;
    }
}
