package com.sociallive.commerce.catalog;

import com.sociallive.commerce.Times;
import com.sociallive.platform.paging.TimeIdCursor;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProductRepository {

    static final String COLUMNS =
            "id, seller_id, name, description, price, currency, stock, image_urls, status, created_at, updated_at";

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Product p) {
        jdbc.sql("INSERT INTO products (" + COLUMNS + ") VALUES (:id, :seller, :name, :description, :price, :currency,"
                        + " :stock, :imageUrls, :status, :createdAt, :updatedAt)")
                .param("id", p.id())
                .param("seller", p.sellerId())
                .param("name", p.name())
                .param("description", p.description())
                .param("price", p.price())
                .param("currency", p.currency())
                .param("stock", p.stock())
                .param("imageUrls", p.imageUrls().toArray(String[]::new))
                .param("status", p.status())
                .param("createdAt", Times.ts(p.createdAt()))
                .param("updatedAt", Times.ts(p.updatedAt()))
                .update();
    }

    void update(Product p) {
        jdbc.sql("""
                        UPDATE products SET name = :name, description = :description, price = :price,
                               currency = :currency, stock = :stock, image_urls = :imageUrls, status = :status,
                               updated_at = :updatedAt
                         WHERE id = :id
                        """)
                .param("id", p.id())
                .param("name", p.name())
                .param("description", p.description())
                .param("price", p.price())
                .param("currency", p.currency())
                .param("stock", p.stock())
                .param("imageUrls", p.imageUrls().toArray(String[]::new))
                .param("status", p.status())
                .param("updatedAt", Times.ts(p.updatedAt()))
                .update();
    }

    Optional<Product> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id = :id")
                .param("id", id)
                .query(ProductRepository::map)
                .optional();
    }

    Optional<Product> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ProductRepository::map)
                .optional();
    }

    List<Product> findAll(Collection<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id IN (:ids)")
                .param("ids", ids)
                .query(ProductRepository::map)
                .list();
    }

    Optional<Product> take(UUID id, int quantity) {
        return jdbc.sql("UPDATE products SET stock = stock - :q, updated_at = :now"
                        + " WHERE id = :id AND status = 'ACTIVE' AND stock >= :q RETURNING " + COLUMNS)
                .param("q", quantity)
                .param("now", Times.ts(Times.now()))
                .param("id", id)
                .query(ProductRepository::map)
                .optional();
    }

    void giveBack(UUID id, int quantity) {
        jdbc.sql("UPDATE products SET stock = stock + :q, updated_at = :now WHERE id = :id")
                .param("q", quantity)
                .param("now", Times.ts(Times.now()))
                .param("id", id)
                .update();
    }

    /** ACTIVE products, newest first, optionally matching {@code query} (full-text) and of one seller. */
    List<Product> search(String query, UUID sellerId, TimeIdCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM products WHERE status = 'ACTIVE'");
        if (query != null) {
            sql.append(" AND search @@ websearch_to_tsquery('simple', :q)");
        }
        if (sellerId != null) {
            sql.append(" AND seller_id = :seller");
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (:afterAt, :afterId)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("limit", limit);
        if (query != null) {
            spec = spec.param("q", query);
        }
        if (sellerId != null) {
            spec = spec.param("seller", sellerId);
        }
        if (after != null) {
            spec = spec.param("afterAt", Times.ts(after.at())).param("afterId", after.id());
        }
        return spec.query(ProductRepository::map).list();
    }

    static Product map(ResultSet rs, int row) throws SQLException {
        Array urls = rs.getArray("image_urls");
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getLong("price"),
                rs.getString("currency"),
                rs.getInt("stock"),
                urls == null ? List.of() : Arrays.asList((String[]) urls.getArray()),
                rs.getString("status"),
                Times.instant(rs.getTimestamp("created_at")),
                Times.instant(rs.getTimestamp("updated_at")));
    }
}
