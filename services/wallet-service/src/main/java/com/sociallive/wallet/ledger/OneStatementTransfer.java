package com.sociallive.wallet.ledger;

/** What {@link Ledger#transferOnce} did. */
public final class OneStatementTransfer {

    private OneStatementTransfer() {}

    public enum Outcome {
        /** the entry is posted and its answer stored */
        POSTED,
        /** a user account would go below zero: nothing was written, not even the key (the caller stores the refusal) */
        INSUFFICIENT_FUNDS,
        /** the key was already claimed; nothing was written: answer from what is stored */
        EXISTING
    }

    /** @param posted the entry as written, when {@link Outcome#POSTED} */
    public record Result(Outcome outcome, PostedEntry posted) {}
}
