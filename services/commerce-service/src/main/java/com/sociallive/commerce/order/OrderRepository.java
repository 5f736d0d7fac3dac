package com.sociallive.commerce.order;

import com.sociallive.commerce.Times;
import com.sociallive.platform.paging.TimeIdCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private static final String COLUMNS =
            "id, buyer_id, seller_id, status, total, currency, created_at, updated_at, expires_at";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Order order) {
        jdbc.sql("INSERT INTO orders (" + COLUMNS + ") VALUES (:id, :buyer, :seller, :status, :total, :currency,"
                        + " :createdAt, :updatedAt, :expiresAt)")
                .param("id", order.id())
                .param("buyer", order.buyerId())
                .param("seller", order.sellerId())
                .param("status", order.status().name())
                .param("total", order.total())
                .param("currency", order.currency())
                .param("createdAt", Times.ts(order.createdAt()))
                .param("updatedAt", Times.ts(order.updatedAt()))
                .param("expiresAt", Times.ts(order.expiresAt()))
                .update();
        int line = 0;
        for (Order.Item item : order.items()) {
            jdbc.sql("""
                            INSERT INTO order_items (order_id, line_no, product_id, name, unit_price, quantity, line_total)
                            VALUES (:order, :line, :product, :name, :unitPrice, :quantity, :lineTotal)
                            """)
                    .param("order", order.id())
                    .param("line", line++)
                    .param("product", item.productId())
                    .param("name", item.name())
                    .param("unitPrice", item.unitPrice())
                    .param("quantity", item.quantity())
                    .param("lineTotal", item.lineTotal())
                    .update();
        }
    }

    Optional<Order> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
                .param("id", id)
                .query(OrderRepository::map)
                .optional()
                .map(this::withItems);
    }

    Optional<Order> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(OrderRepository::map)
                .optional()
                .map(this::withItems);
    }

    /** Moves an order on, guarded by its current status; false when it was no longer in {@code from}. */
    boolean transition(UUID id, OrderStatus from, OrderStatus to, Instant now) {
        return jdbc.sql("UPDATE orders SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                        .param("to", to.name())
                        .param("now", Times.ts(now))
                        .param("id", id)
                        .param("from", from.name())
                        .update()
                == 1;
    }

    List<Order> list(UUID userId, boolean asSeller, OrderStatus status, TimeIdCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE ")
                .append(asSeller ? "seller_id" : "buyer_id")
                .append(" = :user");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (:afterAt, :afterId)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        JdbcClient.StatementSpec spec =
                jdbc.sql(sql.toString()).param("user", userId).param("limit", limit);
        if (status != null) {
            spec = spec.param("status", status.name());
        }
        if (after != null) {
            spec = spec.param("afterAt", Times.ts(after.at())).param("afterId", after.id());
        }
        List<Order> orders = spec.query(OrderRepository::map).list();
        return withItems(orders);
    }

    /**
     * Locks up to {@code limit} unpaid orders past their expiry that no other instance holds (SKIP LOCKED) and that
     * have no payment attempt in flight.
     */
    List<UUID> lockExpired(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT o.id FROM orders o
                         WHERE o.status = 'PENDING_PAYMENT' AND o.expires_at <= :now
                           AND NOT EXISTS (SELECT 1 FROM payments p
                                            WHERE p.order_id = o.id AND p.kind = 'PAYMENT'
                                              AND p.status IN ('PENDING', 'SUCCEEDED'))
                         ORDER BY o.expires_at
                         LIMIT :limit
                         FOR UPDATE OF o SKIP LOCKED
                        """)
                .param("now", Times.ts(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * Whether a wallet call of this kind is in flight or done for the order. The payment feature inserts such rows
     * only while it holds the order's row lock, so a caller holding that lock reads a settled answer.
     */
    boolean hasTransfer(UUID orderId, String kind, String... statuses) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM payments WHERE order_id = :order AND kind = :kind"
                        + " AND status IN (:statuses))")
                .param("order", orderId)
                .param("kind", kind)
                .param("statuses", List.of(statuses))
                .query(Boolean.class)
                .single();
    }

    private Order withItems(Order order) {
        return withItems(List.of(order)).getFirst();
    }

    private List<Order> withItems(List<Order> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<UUID, List<Order.Item>> items = new LinkedHashMap<>();
        orders.forEach(o -> items.put(o.id(), new ArrayList<>()));
        jdbc.sql("""
                        SELECT order_id, product_id, name, unit_price, quantity, line_total
                          FROM order_items WHERE order_id IN (:ids) ORDER BY order_id, line_no
                        """)
                .param("ids", items.keySet())
                .query((rs, row) -> {
                    items.get(rs.getObject("order_id", UUID.class))
                            .add(new Order.Item(
                                    rs.getObject("product_id", UUID.class),
                                    rs.getString("name"),
                                    rs.getLong("unit_price"),
                                    rs.getInt("quantity"),
                                    rs.getLong("line_total")));
                    return null;
                })
                .list();
        return orders.stream().map(o -> o.withItems(items.get(o.id()))).toList();
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getObject("id", UUID.class),
                rs.getObject("buyer_id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                OrderStatus.valueOf(rs.getString("status")),
                List.of(),
                rs.getLong("total"),
                rs.getString("currency"),
                Times.instant(rs.getTimestamp("created_at")),
                Times.instant(rs.getTimestamp("updated_at")),
                Times.instant(rs.getTimestamp("expires_at")));
    }
}
