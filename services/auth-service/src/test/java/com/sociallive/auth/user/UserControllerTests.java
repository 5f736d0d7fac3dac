package com.sociallive.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sociallive.platform.error.DomainException;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserControllerTests {

    @Test
    void shouldParseUpTo100IdsKeepingOrderAndDroppingDuplicates() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(UserController.parseIds(b + ", " + a + "," + b + ",")).containsExactly(b, a);
        String hundred = IntStream.range(0, 100)
                .mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        assertThat(UserController.parseIds(hundred)).hasSize(100);
    }

    @Test
    void shouldRefuseMoreThan100IdsOrMalformedOnes() {
        String tooMany = IntStream.range(0, 101)
                .mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> UserController.parseIds(tooMany))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("100");
        assertThatThrownBy(() -> UserController.parseIds("nope")).isInstanceOf(DomainException.class);
    }
}
