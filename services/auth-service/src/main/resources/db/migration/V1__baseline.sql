-- Baseline of the auth schema. Flyway creates the schema itself (spring.flyway.create-schemas);
-- the tables of the auth service come in the migrations after this one.
COMMENT ON SCHEMA auth IS 'Owned by auth-service: users, password hashes, signing keys, refresh sessions';
