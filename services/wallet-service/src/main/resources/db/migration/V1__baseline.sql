-- Baseline of the wallet schema. Flyway creates the schema itself (spring.flyway.create-schemas);
-- the tables of the wallet service come in the migrations after this one.
COMMENT ON SCHEMA wallet IS 'Owned by wallet-service: accounts, journal entries, postings, idempotency records';
