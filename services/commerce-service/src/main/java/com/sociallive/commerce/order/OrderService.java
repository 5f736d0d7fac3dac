package com.sociallive.commerce.order;

import com.sociallive.commerce.CommerceErrorCode;
import com.sociallive.commerce.Times;
import com.sociallive.commerce.catalog.Inventory;
import com.sociallive.commerce.catalog.Product;
import com.sociallive.commerce.config.CommerceProperties;
import com.sociallive.commerce.idempotency.Idempotency;
import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.TimeIdCursor;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders and their state machine. The payment feature drives PENDING_PAYMENT → PAID and PAID|SHIPPED → REFUNDED
 * through the public methods, inside its own transactions.
 */
@Service
public class OrderService {

    public static final long MAX_TOTAL = 1_000_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final Inventory inventory;
    private final TransactionTemplate tx;
    private final CommerceProperties properties;

    OrderService(OrderRepository orders, Inventory inventory, TransactionTemplate tx, CommerceProperties properties) {
        this.orders = orders;
        this.inventory = inventory;
        this.tx = tx;
        this.properties = properties;
    }

    /** Creates the order, reserves its stock and records the idempotent answer, all in one transaction. */
    ResponseEntity<Order> create(UUID buyerId, OrderRequests.CreateOrder request, Idempotency.Claim claim) {
        Map<UUID, Integer> wanted = new HashMap<>();
        for (int i = 0; i < request.items().size(); i++) {
            OrderRequests.Line line = request.items().get(i);
            if (wanted.put(line.productId(), line.quantity()) != null) {
                throw DomainException.invalid("items[" + i + "].productId", "appears twice in the order");
            }
        }
        for (int round = 1; ; round++) {
            try {
                return tx.execute(status -> createOnce(buyerId, request, wanted, claim));
            } catch (ProductChanged e) {
                if (round == 3) {
                    throw new DomainException(
                            CommonErrorCode.CONFLICT, "A product of the order changed while ordering; retry");
                }
            }
        }
    }

    /**
     * One try, inside a transaction. The rules are checked on an unlocked read, so that requests that cannot succeed
     * (a sold-out flash sale) are answered without touching the hot product rows; the order is inserted next; the
     * stock is taken last, with one conditional {@code UPDATE ... SET stock = stock - q WHERE stock >= q} per product
     * in product-id order. That UPDATE is what locks a product row, so a hot row stays locked only for that
     * statement and the commit. If a product's terms changed since the read, the try is rolled back and repeated.
     */
    private ResponseEntity<Order> createOnce(
            UUID buyerId, OrderRequests.CreateOrder request, Map<UUID, Integer> wanted, Idempotency.Claim claim) {
        Checked checked = check(inventory.read(wanted.keySet()), request, buyerId);
        for (Product product : checked.byId().values()) {
            if (product.stock() < wanted.get(product.id())) {
                throw outOfStock(product);
            }
        }
        Instant now = Times.now();
        Order order = new Order(
                UuidV7.next(),
                buyerId,
                checked.sellerId(),
                OrderStatus.PENDING_PAYMENT,
                checked.items(),
                checked.total(),
                checked.currency(),
                now,
                now,
                now.plus(properties.orderTtl()));
        orders.insert(order);
        ResponseEntity<Order> response =
                ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
        claim.complete(response);
        for (UUID productId : new TreeSet<>(wanted.keySet())) {
            Product seen = checked.byId().get(productId);
            Product taken = inventory.take(productId, wanted.get(productId)).orElse(null);
            if (taken == null) {
                Product current = inventory.read(List.of(productId)).getFirst();
                if (!current.active()) {
                    throw new DomainException(
                            CommerceErrorCode.PRODUCT_UNAVAILABLE, "Product " + productId + " is archived");
                }
                throw outOfStock(current);
            }
            if (taken.price() != seen.price()
                    || !taken.name().equals(seen.name())
                    || !taken.currency().equals(seen.currency())
                    || !taken.sellerId().equals(seen.sellerId())) {
                throw new ProductChanged();
            }
        }
        return response;
    }

    /** A product's price, name, currency or seller changed between the read and the stock update. */
    private static final class ProductChanged extends RuntimeException {
        ProductChanged() {
            super(null, null, false, false);
        }
    }

    private record Checked(
            Map<UUID, Product> byId, UUID sellerId, String currency, List<Order.Item> items, long total) {}

    /** The rules of an order other than stock, in the order their errors are reported. */
    private static Checked check(List<Product> products, OrderRequests.CreateOrder request, UUID buyerId) {
        Map<UUID, Product> byId = new HashMap<>();
        products.forEach(p -> byId.put(p.id(), p));
        Set<UUID> sellers = new HashSet<>();
        Set<String> currencies = new HashSet<>();
        for (OrderRequests.Line line : request.items()) {
            Product product = byId.get(line.productId());
            if (product == null) {
                throw DomainException.notFound("No product " + line.productId());
            }
            if (!product.active()) {
                throw new DomainException(
                        CommerceErrorCode.PRODUCT_UNAVAILABLE, "Product " + product.id() + " is archived");
            }
            if (product.sellerId().equals(buyerId)) {
                throw new DomainException(CommerceErrorCode.OWN_PRODUCT, "Product " + product.id() + " is your own");
            }
            sellers.add(product.sellerId());
            currencies.add(product.currency());
        }
        if (sellers.size() > 1) {
            throw new DomainException(
                    CommerceErrorCode.MIXED_SELLERS, "All products of one order must come from one seller");
        }
        if (currencies.size() > 1) {
            throw new DomainException(
                    CommerceErrorCode.MIXED_CURRENCIES, "All products of one order must have one currency");
        }
        List<Order.Item> items = new ArrayList<>();
        long total = 0;
        for (OrderRequests.Line line : request.items()) {
            Product product = byId.get(line.productId());
            long lineTotal = product.price() * line.quantity();
            total += lineTotal;
            items.add(new Order.Item(product.id(), product.name(), product.price(), line.quantity(), lineTotal));
        }
        if (total > MAX_TOTAL) {
            throw DomainException.invalid("items", "the order total must not exceed " + MAX_TOTAL);
        }
        return new Checked(
                byId, sellers.iterator().next(), currencies.iterator().next(), items, total);
    }

    private static DomainException outOfStock(Product product) {
        return new DomainException(
                CommerceErrorCode.OUT_OF_STOCK, "Only " + product.stock() + " left of product " + product.id());
    }

    /** The order if the caller is its buyer or seller; 404 for anyone else. */
    public Order get(UUID userId, UUID orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> notFound(orderId));
        if (!order.isParty(userId)) {
            throw notFound(orderId);
        }
        return order;
    }

    CursorPage<Order> list(UUID userId, String role, String status, String cursor, int limit) {
        boolean asSeller;
        if (role == null || role.equals("buyer")) {
            asSeller = false;
        } else if (role.equals("seller")) {
            asSeller = true;
        } else {
            throw DomainException.invalid("role", "must be buyer or seller");
        }
        OrderStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = OrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("status", "is not an order status");
            }
        }
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        List<Order> rows = orders.list(userId, asSeller, wanted, after, limit + 1);
        return CursorPage.fromOverfetch(rows, limit, o -> new TimeIdCursor(o.createdAt(), o.id()).encode());
    }

    @Transactional
    Order cancel(UUID userId, UUID orderId) {
        Order order = lockAs(userId, orderId, Party.BUYER);
        requireStatus(order, OrderStatus.CANCELLED);
        if (orders.hasTransfer(orderId, "PAYMENT", "PENDING", "SUCCEEDED")) {
            throw new DomainException(
                    CommerceErrorCode.INVALID_STATE, "A payment of this order is in progress; try again shortly");
        }
        cancelLocked(order);
        return orders.find(orderId).orElseThrow();
    }

    @Transactional
    Order ship(UUID userId, UUID orderId) {
        Order order = lockAs(userId, orderId, Party.SELLER);
        requireStatus(order, OrderStatus.SHIPPED);
        requireNoRefundInFlight(orderId);
        orders.transition(orderId, order.status(), OrderStatus.SHIPPED, Times.now());
        return orders.find(orderId).orElseThrow();
    }

    @Transactional
    Order complete(UUID userId, UUID orderId) {
        Order order = lockAs(userId, orderId, Party.BUYER);
        requireStatus(order, OrderStatus.COMPLETED);
        requireNoRefundInFlight(orderId);
        orders.transition(orderId, order.status(), OrderStatus.COMPLETED, Times.now());
        return orders.find(orderId).orElseThrow();
    }

    /**
     * Locks an order the buyer wants to pay (inside the caller's transaction): 404 unless a party, 403 for the
     * seller, 409 INVALID_STATE unless PENDING_PAYMENT and not yet expired.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order lockForPayment(UUID userId, UUID orderId) {
        Order order = lockAs(userId, orderId, Party.BUYER);
        requireStatus(order, OrderStatus.PAID);
        if (!order.expiresAt().isAfter(Times.now())) {
            throw new DomainException(CommerceErrorCode.INVALID_STATE, "The order expired unpaid");
        }
        return order;
    }

    /** Locks an order its seller wants to refund: 404 unless a party, 403 for the buyer, 409 unless PAID or SHIPPED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order lockForRefund(UUID userId, UUID orderId) {
        Order order = lockAs(userId, orderId, Party.SELLER);
        requireStatus(order, OrderStatus.REFUNDED);
        return order;
    }

    /**
     * Locks the order row for the rest of the caller's transaction. The saga takes this lock before it touches its
     * payment rows, the same order as every other path (order first, then payments), so no two transactions wait on
     * each other crosswise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID orderId) {
        orders.findForUpdate(orderId).orElseThrow(() -> notFound(orderId));
    }

    /** PENDING_PAYMENT → PAID, inside the caller's transaction; false if the order was no longer unpaid. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markPaid(UUID orderId) {
        boolean moved = orders.transition(orderId, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, Times.now());
        if (!moved) {
            log.error("Order {} was paid but is no longer PENDING_PAYMENT; it needs a manual refund", orderId);
        }
        return moved;
    }

    /**
     * PAID|SHIPPED → REFUNDED, inside the caller's transaction. A refund of an order that was never shipped puts its
     * units back into stock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markRefunded(UUID orderId) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> notFound(orderId));
        if (!order.status().canBecome(OrderStatus.REFUNDED)) {
            log.error("Order {} was refunded but is {}", orderId, order.status());
            return false;
        }
        orders.transition(orderId, order.status(), OrderStatus.REFUNDED, Times.now());
        if (order.status() == OrderStatus.PAID) {
            giveBackStock(order);
        }
        return true;
    }

    /**
     * Cancels up to {@code batchSize} unpaid orders past their expiry; safe with several instances (SKIP LOCKED).
     * One transaction per order, so that its product rows are locked in product-id order like everywhere else and
     * two transactions never wait on each other crosswise. Returns how many were cancelled.
     */
    public int expireDue(int batchSize) {
        int count = 0;
        for (int i = 0; i < batchSize; i++) {
            Boolean cancelled = tx.execute(status -> {
                List<UUID> due = orders.lockExpired(Times.now(), 1);
                if (due.isEmpty()) {
                    return null;
                }
                // re-read under the lock: a payment attempt may have been committed since the query's snapshot
                Order order = orders.find(due.getFirst()).orElseThrow();
                if (order.status() == OrderStatus.PENDING_PAYMENT
                        && !orders.hasTransfer(order.id(), "PAYMENT", "PENDING", "SUCCEEDED")) {
                    cancelLocked(order);
                    return true;
                }
                return false;
            });
            if (cancelled == null) {
                break;
            }
            if (cancelled) {
                count++;
            }
        }
        return count;
    }

    private void cancelLocked(Order order) {
        if (orders.transition(order.id(), OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED, Times.now())) {
            giveBackStock(order);
        }
    }

    private void giveBackStock(Order order) {
        order.items().stream()
                .sorted(Comparator.comparing(Order.Item::productId))
                .forEach(item -> inventory.giveBack(item.productId(), item.quantity()));
    }

    private void requireNoRefundInFlight(UUID orderId) {
        if (orders.hasTransfer(orderId, "REFUND", "PENDING")) {
            throw new DomainException(CommerceErrorCode.INVALID_STATE, "A refund of this order is in progress");
        }
    }

    private enum Party {
        BUYER,
        SELLER
    }

    private Order lockAs(UUID userId, UUID orderId, Party party) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> notFound(orderId));
        if (!order.isParty(userId)) {
            throw notFound(orderId);
        }
        UUID required = party == Party.BUYER ? order.buyerId() : order.sellerId();
        if (!required.equals(userId)) {
            throw new DomainException(
                    CommonErrorCode.FORBIDDEN,
                    "Only the " + party.name().toLowerCase(java.util.Locale.ROOT) + " may do this");
        }
        return order;
    }

    private static void requireStatus(Order order, OrderStatus next) {
        if (!order.status().canBecome(next)) {
            throw new DomainException(
                    CommerceErrorCode.INVALID_STATE, "The order is " + order.status() + " and cannot become " + next);
        }
    }

    private static DomainException notFound(UUID orderId) {
        return DomainException.notFound("No order " + orderId);
    }
}
