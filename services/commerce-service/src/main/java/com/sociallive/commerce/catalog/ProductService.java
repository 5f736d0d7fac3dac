package com.sociallive.commerce.catalog;

import com.sociallive.commerce.Times;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.TimeIdCursor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ProductService {

    static final String DEFAULT_CURRENCY = "COIN";

    private final ProductRepository products;

    ProductService(ProductRepository products) {
        this.products = products;
    }

    Product create(UUID sellerId, ProductRequests.CreateProduct request) {
        Instant now = Times.now();
        Product product = new Product(
                UuidV7.next(),
                sellerId,
                request.name().strip(),
                request.description(),
                request.price(),
                request.currency() == null ? DEFAULT_CURRENCY : request.currency(),
                request.stock(),
                request.imageUrls() == null ? List.of() : request.imageUrls(),
                Product.ACTIVE,
                now,
                now);
        products.insert(product);
        return product;
    }

    Product get(UUID id) {
        return products.find(id).orElseThrow(() -> DomainException.notFound("No product " + id));
    }

    @Transactional
    Product update(UUID sellerId, UUID id, ProductRequests.UpdateProduct request) {
        Product current = ownedForUpdate(sellerId, id);
        Product updated = new Product(
                current.id(),
                current.sellerId(),
                request.name() == null ? current.name() : request.name().strip(),
                request.description() == null ? current.description() : request.description(),
                request.price() == null ? current.price() : request.price(),
                request.currency() == null ? current.currency() : request.currency(),
                request.stock() == null ? current.stock() : request.stock(),
                request.imageUrls() == null ? current.imageUrls() : request.imageUrls(),
                current.status(),
                current.createdAt(),
                Times.now());
        products.update(updated);
        return updated;
    }

    @Transactional
    void archive(UUID sellerId, UUID id) {
        Product current = ownedForUpdate(sellerId, id);
        if (current.active()) {
            products.update(new Product(
                    current.id(),
                    current.sellerId(),
                    current.name(),
                    current.description(),
                    current.price(),
                    current.currency(),
                    current.stock(),
                    current.imageUrls(),
                    Product.ARCHIVED,
                    current.createdAt(),
                    Times.now()));
        }
    }

    CursorPage<Product> search(String query, UUID sellerId, String cursor, int limit) {
        String q = query == null || query.isBlank() ? null : query.strip();
        if (q != null && q.length() > 200) {
            throw DomainException.invalid("q", "must be at most 200 characters");
        }
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        List<Product> rows = products.search(q, sellerId, after, limit + 1);
        return CursorPage.fromOverfetch(rows, limit, p -> new TimeIdCursor(p.createdAt(), p.id()).encode());
    }

    private Product ownedForUpdate(UUID sellerId, UUID id) {
        Product product = products.findForUpdate(id).orElseThrow(() -> DomainException.notFound("No product " + id));
        if (!product.sellerId().equals(sellerId)) {
            throw DomainException.forbidden("Only the seller may change this product");
        }
        return product;
    }
}
