package com.sociallive.commerce.catalog;

import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.PageLimit;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/products")
@Tag(name = "Products")
class ProductController {

    private final ProductService service;

    ProductController(ProductService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Create a product; the caller is its seller")
    ResponseEntity<Product> create(CurrentUser user, @Valid @RequestBody ProductRequests.CreateProduct request) {
        Product product = service.create(user.id(), request);
        return ResponseEntity.created(URI.create("/products/" + product.id())).body(product);
    }

    @GetMapping
    @Operation(
            summary = "ACTIVE products, newest first",
            description = "q is a web-search style full-text query (words, \"phrases\", -exclusions, or) over name and"
                    + " description, matched word by word without stemming; sellerId filters by seller.")
    CursorPage<Product> search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) UUID sellerId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.search(q, sellerId, cursor, PageLimit.of(limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One product, also when ARCHIVED")
    Product get(@PathVariable UUID id) {
        return service.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change any of the create fields (seller only); absent or null fields stay")
    Product update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ProductRequests.UpdateProduct request) {
        return service.update(user.id(), id, request);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Archive a product (seller only): it leaves the listing and can no longer be ordered")
    ResponseEntity<Void> archive(CurrentUser user, @PathVariable UUID id) {
        service.archive(user.id(), id);
        return ResponseEntity.noContent().build();
    }
}
