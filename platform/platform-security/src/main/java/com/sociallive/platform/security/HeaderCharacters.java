package com.sociallive.platform.security;

import com.sociallive.platform.http.HeaderSyntax;
import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** Spring Security's strict firewall with {@link HeaderSyntax}'s regex-free header checks in place of its own. */
final class HeaderCharacters {

    static final Predicate<String> NAMES = HeaderSyntax::isAllowedHeaderName;

    static final Predicate<String> VALUES = HeaderSyntax::isAllowedHeaderValue;

    private HeaderCharacters() {}

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        return firewall;
    }
}
