package com.sociallive.social.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text of {@code min..max} characters counted as Unicode code points (what a user calls characters, and what
 * PostgreSQL's {@code char_length} counts), not blank. Null passes: combine with {@code @NotNull} where required.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TextLength.Validator.class)
public @interface TextLength {

    int min() default 1;

    int max();

    String message() default "must be {min} to {max} characters and not blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<TextLength, String> {
        private int min;
        private int max;

        @Override
        public void initialize(TextLength annotation) {
            min = annotation.min();
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int length = value.codePointCount(0, value.length());
            // PostgreSQL text cannot hold NUL characters
            return length >= min && length <= max && !value.isBlank() && value.indexOf(0) < 0;
        }
    }
}
