package com.sociallive.platform.error;

/** One entry of the {@code errors[]} array of a 400 VALIDATION_FAILED problem. */
public record FieldViolation(String field, String message) {}
