package com.sociallive.wallet.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sociallive.platform.error.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalEntryTests {

    private final AccountRef alice = user();
    private final AccountRef bob = user();
    private final AccountRef fees = new AccountRef(UUID.randomUUID(), AccountKind.PLATFORM_FEES, null, "COIN");
    private final AccountRef deposits = new AccountRef(UUID.randomUUID(), AccountKind.PLATFORM_DEPOSITS, null, "COIN");
    private final Instant now = Instant.now();

    private static AccountRef user() {
        return new AccountRef(UUID.randomUUID(), AccountKind.USER, UUID.randomUUID(), "COIN");
    }

    @Test
    void shouldRefuseAmountsOutsideOneToTenToTheTwelve() {
        assertThatThrownBy(() -> Money.of(0, "COIN")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Money.of(-5, "COIN")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Money.of(1_000_000_000_001L, "COIN")).isInstanceOf(DomainException.class);
        assertThat(Money.of(1_000_000_000_000L, null).currency()).isEqualTo("COIN");
        assertThatThrownBy(() -> Money.of(5, "coin")).isInstanceOf(DomainException.class);
    }

    @Test
    void shouldRoundTheFeeDownAndNeverOverflow() {
        assertThat(Money.of(999, "COIN").feeAt(250)).isEqualTo(24);
        assertThat(Money.of(1, "COIN").feeAt(9_999)).isZero();
        assertThat(Money.of(1_000_000_000_000L, "COIN").feeAt(10_000)).isEqualTo(1_000_000_000_000L);
        assertThatThrownBy(() -> Money.of(10, "COIN").feeAt(10_001)).isInstanceOf(DomainException.class);
    }

    @Test
    void shouldPostTransferWithFeeAsThreeLegsSummingToZero() {
        JournalEntry entry = JournalEntry.transfer(
                UUID.randomUUID(), EntryType.PAYMENT, alice, bob, fees, Money.of(1000, "COIN"), 500, "o-1", null, now);
        assertThat(entry.legs()).extracting(Leg::amount).containsExactlyInAnyOrder(-1000L, 950L, 50L);
        assertThat(entry.legs().stream().mapToLong(Leg::amount).sum()).isZero();
        assertThat(entry.fee()).isEqualTo(50);
    }

    @Test
    void shouldLockUserAccountsByIdBeforePlatformAccounts() {
        JournalEntry entry = JournalEntry.transfer(
                UUID.randomUUID(), EntryType.GIFT, alice, bob, fees, Money.of(1000, "COIN"), 100, "g", null, now);
        List<Leg> order = entry.legsInLockOrder();
        assertThat(order.getLast().account()).isEqualTo(fees);
        assertThat(order.get(0).account().id())
                .isLessThan(order.get(1).account().id());
        JournalEntry reverse = JournalEntry.transfer(
                UUID.randomUUID(), EntryType.GIFT, bob, alice, fees, Money.of(1000, "COIN"), 100, "g2", null, now);
        assertThat(reverse.legsInLockOrder())
                .extracting(leg -> leg.account().id())
                .containsExactlyElementsOf(
                        order.stream().map(leg -> leg.account().id()).toList());
    }

    @Test
    void shouldRefuseUnbalancedOrMalformedEntries() {
        Money money = Money.of(10, "COIN");
        assertThatThrownBy(() -> new JournalEntry(
                        UUID.randomUUID(),
                        EntryType.TRANSFER,
                        money,
                        0,
                        null,
                        null,
                        null,
                        null,
                        List.of(new Leg(alice, -10), new Leg(bob, 9)),
                        now))
                .hasMessageContaining("sum to zero");
        assertThatThrownBy(() -> new JournalEntry(
                        UUID.randomUUID(),
                        EntryType.TRANSFER,
                        money,
                        0,
                        null,
                        null,
                        null,
                        null,
                        List.of(new Leg(alice, -10), new Leg(alice, 10)),
                        now))
                .hasMessageContaining("once");
        assertThatThrownBy(() -> new Leg(alice, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalEntry.transfer(
                        UUID.randomUUID(), EntryType.TRANSFER, alice, alice, null, money, 0, null, null, now))
                .isInstanceOf(IllegalArgumentException.class);
        AccountRef euro = new AccountRef(UUID.randomUUID(), AccountKind.USER, UUID.randomUUID(), "EUR");
        assertThatThrownBy(() -> JournalEntry.transfer(
                        UUID.randomUUID(), EntryType.TRANSFER, alice, euro, null, money, 0, null, null, now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPostDepositAgainstTheDepositsAccount() {
        JournalEntry entry =
                JournalEntry.deposit(UUID.randomUUID(), alice, deposits, Money.of(70, "COIN"), "card", now);
        assertThat(entry.type()).isEqualTo(EntryType.DEPOSIT);
        assertThat(entry.legs()).extracting(Leg::amount).containsExactly(70L, -70L);
        assertThat(entry.toUserId()).isEqualTo(alice.ownerId());
        assertThat(AccountKind.PLATFORM_DEPOSITS.mayGoNegative()).isTrue();
        assertThat(AccountKind.USER.mayGoNegative()).isFalse();
    }
}
