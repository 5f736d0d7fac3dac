package com.sociallive.commerce.payment;

import com.sociallive.commerce.idempotency.Idempotency;
import com.sociallive.commerce.order.Order;
import com.sociallive.commerce.order.OrderService;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments")
class PaymentController {

    private final PaymentSaga saga;
    private final PaymentRepository payments;
    private final OrderService orders;
    private final Idempotency idempotency;

    PaymentController(PaymentSaga saga, PaymentRepository payments, OrderService orders, Idempotency idempotency) {
        this.saga = saga;
        this.payments = payments;
        this.orders = orders;
        this.idempotency = idempotency;
    }

    /** {@code method} may be left out: WALLET is the only one. */
    record PayRequest(
            @NotNull UUID orderId,

            @Pattern(regexp = "WALLET", message = "must be WALLET")
            String method) {

        PayRequest {
            method = method == null ? "WALLET" : method;
        }
    }

    @PostMapping("/payments")
    @Operation(
            summary = "Pay an order from the buyer's wallet",
            description = "201 Payment SUCCEEDED and the order PAID. 422 INSUFFICIENT_FUNDS (the order stays"
                    + " PENDING_PAYMENT); 409 INVALID_STATE unless the order is PENDING_PAYMENT and not expired;"
                    + " 403 for the seller; 503 when the wallet is unavailable or did not answer: nothing is"
                    + " charged twice, retry (the same Idempotency-Key may be reused after a 503).")
    ResponseEntity<Object> pay(
            CurrentUser user,
            @Parameter(description = "1..255 characters, per user, remembered 24 h")
                    @RequestHeader(name = Idempotency.HEADER, required = false)
                    String key,
            @Valid @RequestBody PayRequest request) {
        return idempotency.run(
                user.id(),
                key,
                "POST /payments",
                request,
                claim -> saga.pay(user.id(), request.orderId(), request.method(), claim));
    }

    @GetMapping("/payments/{id}")
    @Operation(summary = "One payment attempt; 404 unless the caller is the order's buyer or seller")
    Payment get(CurrentUser user, @PathVariable UUID id) {
        Attempt attempt = payments.find(id)
                .filter(a -> Attempt.PAYMENT.equals(a.kind()))
                .orElseThrow(() -> DomainException.notFound("No payment " + id));
        try {
            orders.get(user.id(), attempt.orderId());
        } catch (DomainException e) {
            throw DomainException.notFound("No payment " + id);
        }
        return Payment.of(attempt);
    }

    @GetMapping("/payments")
    @Operation(summary = "The payment attempts of an order, oldest first (buyer or seller only); one page")
    CursorPage<Payment> list(CurrentUser user, @RequestParam UUID orderId) {
        orders.get(user.id(), orderId);
        return new CursorPage<>(
                payments.listByOrder(orderId, Attempt.PAYMENT).stream()
                        .map(Payment::of)
                        .toList(),
                null);
    }

    @PostMapping("/orders/{id}/refund")
    @Operation(
            summary = "Refund a PAID or SHIPPED order (seller only): the wallet moves the money back exactly once",
            description = "200 Order REFUNDED; an order refunded before shipping returns its units to stock."
                    + " 422 INSUFFICIENT_FUNDS when the seller's balance does not cover it; 503 when the wallet is"
                    + " unavailable (retry; the money moves at most once).")
    Order refund(CurrentUser user, @PathVariable UUID id) {
        return saga.refund(user.id(), id);
    }
}
