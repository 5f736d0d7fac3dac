package com.sociallive.platform.http;

/**
 * The header checks that the gateway's edge and every service's security chain make on every request, written as
 * loops over the characters: the regular expressions they replace (Spring Security's) ran over a signed access token
 * of several hundred characters and were a visible share of both CPU profiles. {@code HeaderSyntaxTests} pins them to
 * those expressions.
 */
public final class HeaderSyntax {

    private HeaderSyntax() {}

    /**
     * RFC 6750's {@code b64token} from {@code from} to the end: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+"
     * / "/" ) *"="}, ASCII only.
     */
    public static boolean isToken68(CharSequence value, int from) {
        int end = value.length();
        while (end > from && value.charAt(end - 1) == '=') {
            end--;
        }
        if (end <= from) {
            return false;
        }
        for (int i = from; i < end; i++) {
            if (!isToken68Char(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }

    /** A header name as Spring's strict firewall allows it: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    public static boolean isAllowedHeaderName(CharSequence name) {
        return assignedAndNotControl(name, false);
    }

    /** A header value as Spring's strict firewall allows it: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    public static boolean isAllowedHeaderValue(CharSequence value) {
        return assignedAndNotControl(value, true);
    }

    /** null (an absent name or value) has nothing to refuse. */
    private static boolean assignedAndNotControl(CharSequence s, boolean tabAllowed) {
        if (s == null) {
            return true;
        }
        int length = s.length();
        for (int i = 0; i < length; ) {
            char c = s.charAt(i);
            if ((c >= 0x20 && c < 0x7f) || (tabAllowed && c == '\t')) { // printable ASCII, the usual case
                i++;
                continue;
            }
            int codePoint = Character.codePointAt(s, i);
            if (!Character.isDefined(codePoint) || Character.getType(codePoint) == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
