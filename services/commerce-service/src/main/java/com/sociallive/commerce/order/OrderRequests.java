package com.sociallive.commerce.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

final class OrderRequests {

    private OrderRequests() {}

    record CreateOrder(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> items) {}

    record Line(
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(100) Integer quantity) {}
}
