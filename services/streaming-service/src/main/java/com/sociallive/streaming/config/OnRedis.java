package com.sociallive.streaming.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Conditions on {@code REDIS_URL} ({@code sociallive.streaming.redis-url}): set → shared state, blank → memory. */
public final class OnRedis {

    private OnRedis() {}

    static boolean configured(ConditionContext context) {
        String url = context.getEnvironment().getProperty("sociallive.streaming.redis-url");
        return url != null && !url.isBlank();
    }

    public static final class Enabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context);
        }
    }

    public static final class Disabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context);
        }
    }
}
