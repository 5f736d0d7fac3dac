package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProductIT extends CommerceTestSupport {

    @Test
    void shouldCreateProductWithCallerAsSeller() {
        User seller = newUser();
        Res res = post(
                seller,
                "/products",
                Map.of(
                        "name",
                        "Red mug",
                        "description",
                        "A mug",
                        "price",
                        1500,
                        "stock",
                        3,
                        "imageUrls",
                        List.of("https://img.example/mug.png")));
        assertThat(res.status()).isEqualTo(201);
        JsonNode p = res.body();
        assertThat(res.header("Location")).isEqualTo("/products/" + p.path("id").asString());
        assertThat(p.path("sellerId").asString()).isEqualTo(seller.id().toString());
        assertThat(p.path("price").asLong()).isEqualTo(1500);
        assertThat(p.path("currency").asString()).isEqualTo("COIN");
        assertThat(p.path("stock").asInt()).isEqualTo(3);
        assertThat(p.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(p.path("imageUrls").get(0).asString()).isEqualTo("https://img.example/mug.png");
        assertThat(p.path("createdAt").asString()).endsWith("Z");
        Res fetched = get(newUser(), "/products/" + p.path("id").asString());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(p);
    }

    @Test
    void shouldRefuseInvalidProductsAndWriteNothing() {
        User seller = newUser();
        List<Map<String, Object>> bad = List.of(
                body("", 10, 1),
                body("x".repeat(201), 10, 1),
                body("ok", 0, 1),
                body("ok", 1_000_000_000_001L, 1),
                body("ok", 10, -1),
                body("ok", 10, 1_000_001),
                with(body("ok", 10, 1), "imageUrls", List.of("ftp://x/y.png")),
                with(body("ok", 10, 1), "imageUrls", List.of("javascript:alert(1)")),
                with(body("ok", 10, 1), "imageUrls", java.util.Collections.nCopies(11, "https://a.b/c.png")),
                with(body("ok", 10, 1), "currency", "coin"),
                with(body("ok", 10, 1), "currency", "TOOLONGCODE"));
        for (Map<String, Object> b : bad) {
            Res res = post(seller, "/products", b);
            assertThat(res.status()).as(b.toString()).isEqualTo(400);
            assertThat(res.code()).isEqualTo("VALIDATION_FAILED");
        }
        Res noPrice = post(seller, "/products", Map.of("name", "x", "stock", 1));
        assertThat(noPrice.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE seller_id = :s")
                        .param("s", seller.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void shouldLetOnlyTheSellerEditAndArchive() {
        User seller = newUser();
        User other = newUser();
        UUID id = product(seller, "Lamp", 100, 5);
        assertThat(patch(other, "/products/" + id, Map.of("price", 1)).status()).isEqualTo(403);
        assertThat(delete(other, "/products/" + id).status()).isEqualTo(403);
        assertThat(patch(seller, "/products/" + UUID.randomUUID(), Map.of("price", 1))
                        .status())
                .isEqualTo(404);

        Res patched = patch(seller, "/products/" + id, Map.of("price", 250, "stock", 9, "description", "bright"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("price").asLong()).isEqualTo(250);
        assertThat(patched.body().path("stock").asInt()).isEqualTo(9);
        assertThat(patched.body().path("name").asString()).isEqualTo("Lamp");
        assertThat(patch(seller, "/products/" + id, Map.of("price", -5)).status())
                .isEqualTo(400);
        assertThat(get(other, "/products/" + id).body().path("price").asLong()).isEqualTo(250);

        assertThat(delete(seller, "/products/" + id).status()).isEqualTo(204);
        Res archived = get(other, "/products/" + id);
        assertThat(archived.body().path("status").asString()).isEqualTo("ARCHIVED");
        Res listed = get(other, "/products?sellerId=" + seller.id());
        assertThat(listed.body().path("items")).isEmpty();
        assertThat(delete(seller, "/products/" + id).status()).isEqualTo(204);
    }

    @Test
    void shouldSearchNameAndDescriptionWithFullTextIndex() {
        User seller = newUser();
        String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
        UUID byName = product(seller, "Vintage " + word + " camera", 100, 1);
        Res byDescription = post(
                seller,
                "/products",
                Map.of("name", "Tripod", "description", "fits every " + word + " body", "price", 5, "stock", 1));
        UUID other = product(seller, "Unrelated thing", 100, 1);
        UUID otherSeller = product(newUser(), "Another " + word, 100, 1);

        Res all = get(newUser(), "/products?q=" + word + "&limit=100");
        assertThat(ids(all))
                .contains(byName.toString(), byDescription.body().path("id").asString(), otherSeller.toString())
                .doesNotContain(other.toString());
        Res mine = get(newUser(), "/products?q=" + word + "&sellerId=" + seller.id());
        assertThat(ids(mine)).containsExactly(byDescription.body().path("id").asString(), byName.toString());
        Res phrase = get(
                newUser(),
                "/products?q=" + java.net.URLEncoder.encode("vintage " + word, java.nio.charset.StandardCharsets.UTF_8)
                        + "&sellerId=" + seller.id());
        assertThat(ids(phrase)).containsExactly(byName.toString());
        Res excluded = get(
                newUser(),
                "/products?q=" + java.net.URLEncoder.encode(word + " -tripod", java.nio.charset.StandardCharsets.UTF_8)
                        + "&sellerId=" + seller.id());
        assertThat(ids(excluded)).containsExactly(byName.toString());

        String index = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'products_search_idx'")
                .query(String.class)
                .single();
        assertThat(index).contains("USING gin (search)");
    }

    @Test
    void shouldPageWithKeysetCursorWithoutRepeatsWhenRowsAreAdded() {
        User seller = newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(product(seller, "Item " + i, 10, 1).toString());
        }
        List<String> seen = new ArrayList<>();
        Res page = get(seller, "/products?sellerId=" + seller.id() + "&limit=2");
        seen.addAll(ids(page));
        product(seller, "Added meanwhile", 10, 1);
        while (!page.body().path("nextCursor").isNull()) {
            page = get(
                    seller,
                    "/products?sellerId=" + seller.id() + "&limit=2&cursor="
                            + page.body().path("nextCursor").asString());
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page));
        }
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        Res badCursor = get(seller, "/products?cursor=nonsense");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get(seller, "/products?limit=0").status()).isEqualTo(400);
    }

    private static List<String> ids(Res res) {
        List<String> ids = new ArrayList<>();
        res.body().path("items").forEach(n -> ids.add(n.path("id").asString()));
        return ids;
    }

    private static Map<String, Object> body(String name, long price, int stock) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("price", price);
        b.put("stock", stock);
        return b;
    }

    private static Map<String, Object> with(Map<String, Object> b, String key, Object value) {
        b.put(key, value);
        return b;
    }
}
