package com.sociallive.social.web;

import com.sociallive.platform.error.DomainException;
import java.util.UUID;

/** Ids that name a resource: one that is not even a UUID names nothing, so it is a 404 like any unknown id. */
public final class Ids {

    private Ids() {}

    public static UUID existingOr404(String value, String what) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.notFound(what + " not found");
        }
    }

    /** A filter value (query parameter): malformed is a 400 on that parameter. */
    public static UUID parameter(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(name, "must be a UUID");
        }
    }
}
