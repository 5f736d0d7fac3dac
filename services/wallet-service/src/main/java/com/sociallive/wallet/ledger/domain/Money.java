package com.sociallive.wallet.ledger.domain;

import com.sociallive.platform.error.DomainException;
import java.util.regex.Pattern;

/**
 * An amount of money that a request moves: {@code long} minor units of one currency, 1..10^12. Never floating point.
 */
public record Money(long amount, String currency) {

    public static final long MAX_AMOUNT = 1_000_000_000_000L;
    public static final String DEFAULT_CURRENCY = "COIN";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3,8}");

    public Money {
        if (amount <= 0 || amount > MAX_AMOUNT) {
            throw DomainException.invalid("amount", "must be between 1 and " + MAX_AMOUNT);
        }
        requireCurrency(currency);
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency == null ? DEFAULT_CURRENCY : currency);
    }

    /** A currency code as the API accepts it: upper-case letters, 3..8 of them. */
    public static String requireCurrency(String currency) {
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw DomainException.invalid("currency", "must be an upper-case currency code such as COIN");
        }
        return currency;
    }

    /** {@code amount * bps / 10000}, rounded down: the platform's cut of a transfer. */
    public long feeAt(int feeBps) {
        if (feeBps < 0 || feeBps > 10_000) {
            throw DomainException.invalid("feeBps", "must be between 0 and 10000");
        }
        return Math.multiplyExact(amount, (long) feeBps) / 10_000L;
    }
}
