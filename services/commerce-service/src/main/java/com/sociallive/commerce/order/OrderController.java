package com.sociallive.commerce.order;

import com.sociallive.commerce.idempotency.Idempotency;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.PageLimit;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
@Tag(name = "Orders")
class OrderController {

    private final OrderService service;
    private final Idempotency idempotency;

    OrderController(OrderService service, Idempotency idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @PostMapping
    @Operation(
            summary = "Order products of one seller; reserves the stock until paid, cancelled or expired",
            description = "422 OUT_OF_STOCK, MIXED_SELLERS, MIXED_CURRENCIES, OWN_PRODUCT, PRODUCT_UNAVAILABLE"
                    + " (archived); 404 unknown product; 400 when a product appears twice. Idempotency-Key required.")
    ResponseEntity<Object> create(
            CurrentUser user,
            @Parameter(description = "1..255 characters, per user, remembered 24 h")
                    @RequestHeader(name = Idempotency.HEADER, required = false)
                    String key,
            @Valid @RequestBody OrderRequests.CreateOrder request) {
        return idempotency.run(
                user.id(), key, "POST /orders", request, claim -> service.create(user.id(), request, claim));
    }

    @GetMapping
    @Operation(summary = "The caller's orders as buyer (default) or seller, newest first")
    CursorPage<Order> list(
            CurrentUser user,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.list(user.id(), role, status, cursor, PageLimit.of(limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order; 404 unless the caller is its buyer or seller")
    Order get(CurrentUser user, @PathVariable UUID id) {
        return service.get(user.id(), id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel an unpaid order (buyer only); its stock is released",
            description = "409 INVALID_STATE unless PENDING_PAYMENT, or while a payment attempt is in flight")
    Order cancel(CurrentUser user, @PathVariable UUID id) {
        return service.cancel(user.id(), id);
    }

    @PostMapping("/{id}/ship")
    @Operation(summary = "PAID → SHIPPED (seller only)")
    Order ship(CurrentUser user, @PathVariable UUID id) {
        return service.ship(user.id(), id);
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "SHIPPED → COMPLETED (buyer only)")
    Order complete(CurrentUser user, @PathVariable UUID id) {
        return service.complete(user.id(), id);
    }
}
