package com.sociallive.wallet.ledger.domain;

import java.util.Set;

/** The {@code type} of a transaction in API.md. */
public enum EntryType {
    DEPOSIT,
    WITHDRAWAL,
    TRANSFER,
    PAYMENT,
    REFUND,
    GIFT;

    /** Types another service may use on {@code POST /internal/transfers}. */
    public static final Set<EntryType> INTERNAL = Set.of(PAYMENT, REFUND, GIFT, TRANSFER);
}
