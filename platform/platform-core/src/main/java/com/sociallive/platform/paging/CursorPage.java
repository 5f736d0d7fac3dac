package com.sociallive.platform.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list: {@code {items, nextCursor}}; {@code nextCursor} is null on the last page. */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from rows fetched with {@code LIMIT limit + 1}: the extra row only tells that another page exists.
     */
    public static <T> CursorPage<T> fromOverfetch(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new CursorPage<>(rows, null);
        }
        List<T> page = rows.subList(0, limit);
        return new CursorPage<>(page, cursorOf.apply(page.get(limit - 1)));
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
