package com.sociallive.wallet.ledger.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One balanced movement of money: postings (legs) that sum to zero in their single currency, each account at most
 * once. Built only through the factories, which encode how each kind of movement posts.
 *
 * @param id the entry id, also the id of the transaction lines the API shows
 * @param money the amount the movement is about (what the payer pays)
 * @param fee the platform's cut (0 unless a fee was asked)
 */
public record JournalEntry(
        UUID id,
        EntryType type,
        Money money,
        long fee,
        UUID fromUserId,
        UUID toUserId,
        String reference,
        String note,
        List<Leg> legs,
        Instant createdAt) {

    /**
     * Lock order: user accounts first, then platform accounts (the hottest rows are held for the shortest time), by
     * id within each group. A total order, so two entries never wait on each other's rows (no deadlock).
     */
    public static final Comparator<Leg> LOCK_ORDER = Comparator.<Leg, Boolean>comparing(
                    leg -> leg.account().kind() != AccountKind.USER)
            .thenComparing(leg -> leg.account().id());

    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(money, "money");
        Objects.requireNonNull(createdAt, "createdAt");
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("an entry has at least two postings");
        }
        long sum = 0;
        Set<UUID> accounts = new HashSet<>();
        for (Leg leg : legs) {
            if (!leg.account().currency().equals(money.currency())) {
                throw new IllegalArgumentException("all postings of an entry are in its currency");
            }
            if (!accounts.add(leg.account().id())) {
                throw new IllegalArgumentException("an account appears once per entry");
            }
            sum = Math.addExact(sum, leg.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("postings must sum to zero, got " + sum);
        }
        if (fee < 0 || fee > money.amount()) {
            throw new IllegalArgumentException("fee out of range");
        }
    }

    public List<Leg> legsInLockOrder() {
        return legs.stream().sorted(LOCK_ORDER).toList();
    }

    /** A top-up: the user's account is credited against the deposits clearing account (which goes negative). */
    public static JournalEntry deposit(
            UUID id, AccountRef user, AccountRef deposits, Money money, String reference, Instant at) {
        requireKinds(user, AccountKind.USER, deposits, AccountKind.PLATFORM_DEPOSITS);
        return new JournalEntry(
                id,
                EntryType.DEPOSIT,
                money,
                0,
                null,
                user.ownerId(),
                reference,
                null,
                List.of(new Leg(user, money.amount()), new Leg(deposits, -money.amount())),
                at);
    }

    /** A pay-out: the user's account is debited to the withdrawals account. */
    public static JournalEntry withdrawal(
            UUID id, AccountRef user, AccountRef withdrawals, Money money, String destination, Instant at) {
        requireKinds(user, AccountKind.USER, withdrawals, AccountKind.PLATFORM_WITHDRAWALS);
        return new JournalEntry(
                id,
                EntryType.WITHDRAWAL,
                money,
                0,
                user.ownerId(),
                null,
                destination,
                null,
                List.of(new Leg(user, -money.amount()), new Leg(withdrawals, money.amount())),
                at);
    }

    /**
     * Money from one user to another; {@code fee} (computed from basis points, rounded down) goes to the fee account,
     * the recipient gets the rest.
     */
    public static JournalEntry transfer(
            UUID id,
            EntryType type,
            AccountRef from,
            AccountRef to,
            AccountRef fees,
            Money money,
            int feeBps,
            String reference,
            String note,
            Instant at) {
        if (type == EntryType.DEPOSIT || type == EntryType.WITHDRAWAL) {
            throw new IllegalArgumentException("not a transfer type: " + type);
        }
        requireKinds(from, AccountKind.USER, to, AccountKind.USER);
        if (from.id().equals(to.id())) {
            throw new IllegalArgumentException("a transfer needs two accounts");
        }
        long fee = money.feeAt(feeBps);
        List<Leg> legs = new java.util.ArrayList<>();
        legs.add(new Leg(from, -money.amount()));
        if (money.amount() - fee > 0) {
            legs.add(new Leg(to, money.amount() - fee));
        }
        if (fee > 0) {
            if (fees == null || fees.kind() != AccountKind.PLATFORM_FEES) {
                throw new IllegalArgumentException("a fee needs the fee account");
            }
            legs.add(new Leg(fees, fee));
        }
        return new JournalEntry(id, type, money, fee, from.ownerId(), to.ownerId(), reference, note, legs, at);
    }

    private static void requireKinds(AccountRef a, AccountKind ka, AccountRef b, AccountKind kb) {
        if (a.kind() != ka || b.kind() != kb || !a.currency().equals(b.currency())) {
            throw new IllegalArgumentException("wrong accounts for this entry");
        }
    }
}
