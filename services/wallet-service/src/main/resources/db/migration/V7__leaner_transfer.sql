-- Less database work per transfer (ADR 0053-wallet-leaner-transfer), the same guarantees. A profile of transfer_once
-- (V6) under pgbench showed the backends' time going to per-statement and per-row machinery rather than to the rows:
-- the deferred balance trigger (two firings per transfer, two queries each), four foreign-key checks (one SPI query
-- each), the CHECK constraints of accounts (PostgreSQL re-reads every CHECK expression of the table at every UPDATE
-- statement, also those on columns that never change), a SELECT ... FOR UPDATE per account before its UPDATE, and a
-- second write of the idempotency row. This migration:
--
-- 1. checks new postings once per INSERT statement (a statement trigger over the inserted rows) instead of once per row
--    at commit plus two foreign keys per row: the postings of one statement must sum to zero per entry and currency
--    (no posting is 0, so that is at least two legs; and since every statement's postings of an entry balance, the
--    entry's whole set does), every entry must exist and every posting's account exist in the posting's currency. An
--    entry's legs are therefore inserted in one statement (post_legs and transfer_once do so): stricter than before,
--    when a transaction could be unbalanced until its commit. Deleting or truncating accounts is refused (it was,
--    through the foreign key, for any account with postings; no account is ever deleted);
-- 2. moves the checks of the columns that never change after an account is opened (kind, owner, currency, shard) from
--    CHECK constraints to a trigger that runs on INSERT and on an UPDATE that names one of them, which it refuses: a
--    balance UPDATE evaluates only the two checks of the columns it can change (balance not negative for users, held);
-- 3. makes transfer_once write the idempotency row once, already with its answer (the row is only visible at commit,
--    together with the entry), lock each account by its conditional UPDATE instead of a SELECT ... FOR UPDATE before
--    it, and leave a refusal for lack of funds to its caller (SQLSTATE WL001, nothing written: the caller stores the
--    refusal under the key in a second statement).

-- 1. postings: one statement-level check instead of a deferred trigger per row and two foreign keys -----------------
DROP TRIGGER postings_balanced ON postings;
DROP FUNCTION check_entry_balanced();
ALTER TABLE postings DROP CONSTRAINT postings_entry_id_fkey;
ALTER TABLE postings DROP CONSTRAINT postings_account_id_currency_fkey;

CREATE FUNCTION check_new_postings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    -- per entry and currency, the statement's postings sum to zero: as no posting is 0, that is at least two legs, and
    -- as every statement's postings balance, so does every entry's whole set
    SELECT g.entry_id, g.unknown_accounts > 0 AS unknown_account INTO bad
      FROM (SELECT n.entry_id, sum(n.amount) AS total, count(*) - count(a.id) AS unknown_accounts
              FROM new_postings n LEFT JOIN accounts a ON a.id = n.account_id AND a.currency = n.currency
             GROUP BY n.entry_id, n.currency) g
     WHERE g.total <> 0 OR g.unknown_accounts > 0
        OR NOT EXISTS (SELECT FROM journal_entries j WHERE j.id = g.entry_id)
     LIMIT 1;
    IF FOUND THEN
        IF bad.unknown_account THEN
            RAISE EXCEPTION 'journal entry % has a posting on no account, or in a currency its account does not have',
                bad.entry_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        RAISE EXCEPTION 'journal entry % does not balance, or does not exist', bad.entry_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER postings_balanced AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION check_new_postings();

CREATE FUNCTION refuse_account_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accounts are never removed: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_account_removal();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_account_removal();

-- 2. accounts: the identity columns are checked when written, and never rewritten -------------------------------------
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts DROP CONSTRAINT accounts_currency_check;
ALTER TABLE accounts DROP CONSTRAINT accounts_shard_check;
ALTER TABLE accounts DROP CONSTRAINT accounts_user_has_owner;
ALTER TABLE accounts DROP CONSTRAINT accounts_user_single_shard;

CREATE FUNCTION check_account_identity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (NEW.id, NEW.kind, NEW.owner_id, NEW.currency, NEW.shard)
                IS DISTINCT FROM (OLD.id, OLD.kind, OLD.owner_id, OLD.currency, OLD.shard) THEN
            RAISE EXCEPTION 'an account''s id, kind, owner, currency and shard never change (account %)', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.kind IS NULL OR NEW.kind NOT IN ('USER', 'PLATFORM_DEPOSITS', 'PLATFORM_WITHDRAWALS', 'PLATFORM_FEES') THEN
        RAISE EXCEPTION 'accounts_kind_check: unknown account kind %', NEW.kind USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.currency IS NULL OR NEW.currency !~ '^[A-Z]{3,8}$' THEN
        RAISE EXCEPTION 'accounts_currency_check: bad currency %', NEW.currency USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.kind = 'USER') <> (NEW.owner_id IS NOT NULL) THEN
        RAISE EXCEPTION 'accounts_user_has_owner: a user account has an owner, a platform account none'
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.shard IS NULL OR NEW.shard < 0 OR (NEW.kind = 'USER' AND NEW.shard <> 0) THEN
        RAISE EXCEPTION 'accounts_user_single_shard: bad shard % for a % account', NEW.shard, NEW.kind
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_identity BEFORE INSERT OR UPDATE OF id, kind, owner_id, currency, shard ON accounts
    FOR EACH ROW EXECUTE FUNCTION check_account_identity();

-- post_legs (the general path's posting): the same contract as V4, the legs' postings inserted in one statement ------
CREATE OR REPLACE FUNCTION post_legs(p_entry uuid, p_currency text, p_accounts uuid[], p_deltas bigint[])
    RETURNS TABLE (account_id uuid, balance_after bigint, posted_at timestamptz)
    LANGUAGE plpgsql AS $$
DECLARE
    n int := coalesce(array_length(p_accounts, 1), 0);
    balances bigint[] := '{}';
    ats timestamptz[] := '{}';
    new_balance bigint;
    at timestamptz;
BEGIN
    FOR i IN 1 .. n LOOP
        UPDATE accounts a
           SET balance = a.balance + p_deltas[i],
               updated_at = GREATEST(clock_timestamp(), a.updated_at + interval '1 microsecond')
         WHERE a.id = p_accounts[i] AND (a.kind <> 'USER' OR a.balance + p_deltas[i] >= 0)
        RETURNING a.balance, a.updated_at INTO new_balance, at;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insufficient funds on account %', p_accounts[i] USING ERRCODE = 'WL001';
        END IF;
        balances[i] := new_balance;
        ats[i] := at;
    END LOOP;
    INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
    SELECT p_entry, u.a, p_currency, u.d, u.b, u.t FROM unnest(p_accounts, p_deltas, balances, ats) AS u(a, d, b, t);
    RETURN QUERY SELECT * FROM unnest(p_accounts, balances, ats);
END
$$;

-- 3. transfer_once: the key written once, no lock before the conditional UPDATE, a refusal left to the caller ---------
-- V6's transfer_once (25 parameters) stays, for instances of the previous version during a rolling update: it still
-- works on this schema (its post_legs call inserts the legs in one statement). A later migration may drop it.

-- A user transfer in one statement, called in autocommit: one round trip, one commit.
--
-- Order: first the idempotency key's row, inserted with its answer (status 201, p_location; an identical request
-- arriving at the same moment waits on this row until this one commits, then finds the answer), then the accounts in
-- the order the caller passes (users by id, then platform accounts by id), each locked by its conditional UPDATE:
-- a fixed order, so no deadlock.
--
-- Outcomes:
--   rows with outcome POSTED  one per posting (account_id, balance_after, posted_at); entry, postings, balances and
--                             the key's answer are written;
--   one row EXISTING          the key was already taken (answered, in progress, or used with another body); nothing
--                             was written: the caller answers from the stored key;
--   SQLSTATE WL001            a user account would go below zero; nothing was written (the statement is rolled back):
--                             the caller stores the refusal under the key.
CREATE FUNCTION transfer_once(
        p_scope text, p_key text, p_hash text, p_token uuid, p_ttl_ms bigint,
        p_entry uuid, p_type text, p_currency text, p_amount bigint, p_fee bigint, p_from uuid, p_to uuid,
        p_reference text, p_note text, p_initiated_by text, p_idempotency_key text, p_created_at timestamptz,
        p_accounts uuid[], p_deltas bigint[], p_location text)
    RETURNS TABLE (outcome text, account_id uuid, balance_after bigint, posted_at timestamptz)
    LANGUAGE plpgsql AS $$
DECLARE
    n int := coalesce(array_length(p_accounts, 1), 0);
    balances bigint[] := '{}';
    ats timestamptz[] := '{}';
    new_balance bigint;
    at timestamptz;
BEGIN
    -- the claim of IdempotencyStore.claim (a new key, or a takeover of an expired key or of a crashed request with the
    -- same body), written directly with the answer of a posted transfer
    INSERT INTO idempotency_keys AS k (scope, idem_key, request_hash, state, claim_token, locked_until,
                                       response_status, response_location, created_at, expires_at)
    VALUES (p_scope, p_key, p_hash, 'COMPLETED', p_token, now(), 201, p_location,
            now(), now() + p_ttl_ms * interval '1 millisecond')
    ON CONFLICT (scope, idem_key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, state = 'COMPLETED', claim_token = EXCLUDED.claim_token,
           locked_until = EXCLUDED.locked_until, response_status = 201, response_body = NULL,
           response_location = EXCLUDED.response_location, error_code = NULL, error_title = NULL,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
     WHERE k.expires_at < now()
        OR (k.state = 'IN_PROGRESS' AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash);
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'EXISTING'::text, NULL::uuid, NULL::bigint, NULL::timestamptz;
        RETURN;
    END IF;

    FOR i IN 1 .. n LOOP
        UPDATE accounts a
           SET balance = a.balance + p_deltas[i],
               updated_at = GREATEST(clock_timestamp(), a.updated_at + interval '1 microsecond')
         WHERE a.id = p_accounts[i] AND (a.kind <> 'USER' OR a.balance + p_deltas[i] >= 0)
        RETURNING a.balance, a.updated_at INTO new_balance, at;
        IF NOT FOUND THEN
            IF EXISTS (SELECT FROM accounts a WHERE a.id = p_accounts[i]) THEN
                RAISE EXCEPTION 'insufficient funds on account %', p_accounts[i] USING ERRCODE = 'WL001';
            END IF;
            RAISE EXCEPTION 'no account %', p_accounts[i] USING ERRCODE = 'foreign_key_violation';
        END IF;
        balances[i] := new_balance;
        ats[i] := at;
    END LOOP;

    INSERT INTO journal_entries (id, type, currency, amount, fee, from_user_id, to_user_id, reference, note,
                                 initiated_by, idempotency_key, created_at)
    VALUES (p_entry, p_type, p_currency, p_amount, p_fee, p_from, p_to, p_reference, p_note, p_initiated_by,
            p_idempotency_key, p_created_at);
    INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
    SELECT p_entry, u.a, p_currency, u.d, u.b, u.t FROM unnest(p_accounts, p_deltas, balances, ats) AS u(a, d, b, t);
    RETURN QUERY SELECT 'POSTED'::text, u.a, u.b, u.t FROM unnest(p_accounts, balances, ats) AS u(a, b, t);
END
$$;
