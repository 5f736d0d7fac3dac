package com.sociallive.platform.paging;

import com.sociallive.platform.error.DomainException;

/** The {@code ?limit=} of API.md: 1..100, default 20. */
public final class PageLimit {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimit() {}

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1 || requested > MAX) {
            throw DomainException.invalid("limit", "must be between 1 and " + MAX);
        }
        return requested;
    }
}
