-- Baseline of the streaming schema. Flyway creates the schema itself (spring.flyway.create-schemas);
-- the tables of the streaming service come in the migrations after this one.
COMMENT ON SCHEMA streaming IS 'Owned by streaming-service: streams, viewers, chat, gifts';
