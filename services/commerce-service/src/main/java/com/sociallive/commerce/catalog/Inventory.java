package com.sociallive.commerce.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Stock as the order feature sees it. Every method must run inside the caller's transaction: the locks and the
 * stock changes commit or roll back with the order.
 */
@Component
public class Inventory {

    private final ProductRepository products;

    Inventory(ProductRepository products) {
        this.products = products;
    }

    /** Reads the products without locking them (a snapshot that may change at once). */
    public List<Product> read(Collection<UUID> productIds) {
        return products.findAll(productIds);
    }

    /**
     * Takes {@code quantity} units if that many are left of an ACTIVE product, with
     * {@code UPDATE ... SET stock = stock - q WHERE stock >= q RETURNING ...}, which locks the row until the caller's
     * transaction ends. Returns the product as updated, or empty when it was not taken.
     */
    public Optional<Product> take(UUID productId, int quantity) {
        return products.take(productId, quantity);
    }

    /** Returns units of a cancelled order. */
    public void giveBack(UUID productId, int quantity) {
        products.giveBack(productId, quantity);
    }
}
