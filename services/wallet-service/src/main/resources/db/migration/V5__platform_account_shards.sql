-- Platform accounts are split into shards (ADR 0050-wallet-double-entry-ledger, "hot accounts"): every deposit would
-- otherwise lock the one deposits-clearing row, and every fee-bearing payment the one fee row. A movement picks a shard
-- at random; the platform's balance of a kind is the sum over its shards. User accounts have exactly one row.
ALTER TABLE accounts ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard >= 0);
ALTER TABLE accounts ADD CONSTRAINT accounts_user_single_shard CHECK (kind <> 'USER' OR shard = 0);
DROP INDEX accounts_platform_currency;
CREATE UNIQUE INDEX accounts_platform_currency_shard ON accounts (kind, currency, shard) WHERE kind <> 'USER';
