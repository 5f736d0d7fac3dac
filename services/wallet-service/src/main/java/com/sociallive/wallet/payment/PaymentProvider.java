package com.sociallive.wallet.payment;

import com.sociallive.wallet.ledger.domain.Money;
import java.util.UUID;

/**
 * Where money enters and leaves the system. Deposits {@link #collect} from the user's payment method before the
 * ledger credits them; withdrawals {@link #payOut} after the ledger debited them. The idempotency key lets a real
 * provider deduplicate a retry of the same request.
 */
public interface PaymentProvider {

    /** A short name for logs and the API description, e.g. {@code SANDBOX}. */
    String name();

    Settlement collect(UUID userId, Money money, String reference, String idempotencyKey);

    Settlement payOut(UUID userId, Money money, String destination, String idempotencyKey);

    /** The provider's answer: its own reference for the movement, and whether it settled already. */
    record Settlement(String providerReference, boolean settled) {}
}
