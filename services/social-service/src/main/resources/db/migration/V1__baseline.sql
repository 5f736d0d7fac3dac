-- Baseline of the social schema. Flyway creates the schema itself (spring.flyway.create-schemas);
-- the tables of the social service come in the migrations after this one.
COMMENT ON SCHEMA social IS 'Owned by social-service: posts, comments, likes, follows, feeds';
