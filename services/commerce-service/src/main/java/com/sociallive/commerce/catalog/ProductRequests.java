package com.sociallive.commerce.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

final class ProductRequests {

    static final String URL = "^https?://[^\\s/?#]+[^\\s]*$";
    static final String CURRENCY = "^[A-Z]{3,8}$";
    static final String NOT_BLANK = "(?s).*\\S.*";

    private ProductRequests() {}

    record CreateProduct(
            @NotNull @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            String name,

            @Size(max = 10000) String description,
            @NotNull @Min(1) @Max(1_000_000_000_000L) Long price,

            @Pattern(regexp = CURRENCY, message = "must be an upper-case currency code")
            String currency,

            @NotNull @Min(0) @Max(1_000_000) Integer stock,

            @Size(max = 10)
            List<@NotNull @Size(max = 2048) @Pattern(regexp = URL, message = "must be an http(s) URL") String>
                    imageUrls) {}

    /** Every field optional; a field that is absent or null stays as it is. */
    record UpdateProduct(
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            String name,

            @Size(max = 10000) String description,
            @Min(1) @Max(1_000_000_000_000L) Long price,

            @Pattern(regexp = CURRENCY, message = "must be an upper-case currency code")
            String currency,

            @Min(0) @Max(1_000_000) Integer stock,

            @Size(max = 10)
            List<@NotNull @Size(max = 2048) @Pattern(regexp = URL, message = "must be an http(s) URL") String>
                    imageUrls) {}
}
