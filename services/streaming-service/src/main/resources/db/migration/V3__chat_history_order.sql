-- Chat history is replayed in the order the messages were sent. UUIDv7 ids are ordered by millisecond only (random
-- within one), so the history is ordered by an insertion sequence instead.
ALTER TABLE chat_messages ADD COLUMN seq bigserial;
DROP INDEX chat_messages_recent;
CREATE INDEX chat_messages_recent ON chat_messages (stream_id, seq DESC);
