package com.sociallive.wallet.ledger;

import com.sociallive.wallet.ledger.domain.JournalEntry;
import com.sociallive.wallet.ledger.domain.Leg;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A journal entry as written: for each account, its balance right after the posting and the posting's time. */
public record PostedEntry(JournalEntry entry, Map<UUID, PostingResult> postings) {

    public record PostingResult(Leg leg, long balanceAfter, Instant createdAt) {}

    /** The posting on the given user's account, or null when the entry has none. */
    public PostingResult postingOfUser(UUID userId) {
        return postings.values().stream()
                .filter(p -> userId.equals(p.leg().account().ownerId()))
                .findFirst()
                .orElse(null);
    }
}
