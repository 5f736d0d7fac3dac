-- Baseline of the commerce schema. Flyway creates the schema itself (spring.flyway.create-schemas);
-- the tables of the commerce service come in the migrations after this one.
COMMENT ON SCHEMA commerce IS 'Owned by commerce-service: products, stock, orders, payments';
