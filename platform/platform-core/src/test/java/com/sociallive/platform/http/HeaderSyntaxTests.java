package com.sociallive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops give exactly the answers of the regular expressions they replace. */
class HeaderSyntaxTests {

    private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLV8rLw";

    @Test
    void shouldMatchTheToken68Expression() {
        Pattern token68 = Pattern.compile("[a-zA-Z0-9-._~+/]+=*");
        List<String> samples = List.of(
                JWT, JWT + "==", "abc~.-_+/", "", "=", "==", "a=b", "a==", " a", "a ", "é", "a,b", "a\n", JWT + "=a");
        for (String s : samples) {
            assertThat(HeaderSyntax.isToken68(s, 0))
                    .as(s)
                    .isEqualTo(token68.matcher(s).matches());
            assertThat(HeaderSyntax.isToken68("Bearer " + s, 7))
                    .as(s)
                    .isEqualTo(token68.matcher(s).matches());
        }
    }

    @Test
    void shouldMatchTheStrictFirewallHeaderExpressions() {
        Pattern names = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        Pattern values = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
        List<String> samples = new ArrayList<>(List.of(
                "",
                "Bearer " + JWT,
                "application/json",
                "a\tb",
                "a\nb",
                "a\rb",
                "\u0000",
                "\u007f",
                "\u0085",
                "é ü ß",
                "\u2028",
                "\u00a0",
                "日本語",
                "\ud83d\ude00",
                "\ud83d",
                "\ude00x",
                "\u0378",
                "x\u0378y",
                "\ufffe",
                "\uffff",
                "\u200b"));
        for (int c = 0; c < 0x3000; c += 7) {
            samples.add("v" + (char) c + "w");
        }
        for (String s : samples) {
            assertThat(HeaderSyntax.isAllowedHeaderName(s))
                    .as(s)
                    .isEqualTo(names.matcher(s).matches());
            assertThat(HeaderSyntax.isAllowedHeaderValue(s))
                    .as(s)
                    .isEqualTo(values.matcher(s).matches());
        }
    }
}
