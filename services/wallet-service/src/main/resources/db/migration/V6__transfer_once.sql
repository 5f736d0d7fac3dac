-- A user transfer in one statement (ADR 0052-wallet-transfer-in-one-statement): the idempotency claim, the check of the
-- balances, the journal entry, the postings, the balances and the stored answer, called in autocommit so that the whole
-- transfer is one round trip and one commit, and the account rows stay locked only while this function runs.
--
-- Locks: first the idempotency key's row (an identical request arriving at the same moment waits here until this one
-- commits, then finds the stored answer), then the accounts in the order the caller passes (users by id, then platform
-- accounts by id), as post_legs does: a fixed order, so no deadlock.
--
-- Outcomes (column outcome of every row):
--   POSTED             one row per posting (account_id, balance_after, posted_at); the key stores status 201, no body
--                      and p_location: the answer is the line at p_location, which is append-only;
--   INSUFFICIENT_FUNDS one row; nothing moved; the key stores the refusal (p_refusal_*) to replay;
--   EXISTING           one row; the key was already claimed (answered, in progress or reused with another body): the
--                      caller reads the stored answer; nothing was written.
CREATE FUNCTION transfer_once(
        p_scope text, p_key text, p_hash text, p_token uuid, p_lease_ms bigint, p_ttl_ms bigint,
        p_entry uuid, p_type text, p_currency text, p_amount bigint, p_fee bigint, p_from uuid, p_to uuid,
        p_reference text, p_note text, p_initiated_by text, p_idempotency_key text, p_created_at timestamptz,
        p_accounts uuid[], p_deltas bigint[], p_location text,
        p_refusal_status int, p_refusal_code text, p_refusal_title text, p_refusal_detail text)
    RETURNS TABLE (outcome text, account_id uuid, balance_after bigint, posted_at timestamptz)
    LANGUAGE plpgsql AS $$
DECLARE
    claimed uuid;
    i int;
    current_balance bigint;
    account_kind text;
BEGIN
    -- the same claim as IdempotencyStore.claim: a new key, or a takeover of an expired key or of a crashed request
    INSERT INTO idempotency_keys AS k (scope, idem_key, request_hash, state, claim_token, locked_until,
                                       created_at, expires_at)
    VALUES (p_scope, p_key, p_hash, 'IN_PROGRESS', p_token, now() + p_lease_ms * interval '1 millisecond',
            now(), now() + p_ttl_ms * interval '1 millisecond')
    ON CONFLICT (scope, idem_key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS',
           claim_token = EXCLUDED.claim_token, locked_until = EXCLUDED.locked_until,
           response_status = NULL, response_body = NULL, response_location = NULL,
           error_code = NULL, error_title = NULL,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
     WHERE k.expires_at < now()
        OR (k.state = 'IN_PROGRESS' AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash)
    RETURNING k.claim_token INTO claimed;
    IF claimed IS DISTINCT FROM p_token THEN
        RETURN QUERY SELECT 'EXISTING'::text, NULL::uuid, NULL::bigint, NULL::timestamptz;
        RETURN;
    END IF;

    -- lock every account in the given order and check that no user account would go below zero, before writing
    FOR i IN 1 .. coalesce(array_length(p_accounts, 1), 0) LOOP
        SELECT a.balance, a.kind INTO current_balance, account_kind
          FROM accounts a WHERE a.id = p_accounts[i] FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no account %', p_accounts[i] USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF account_kind = 'USER' AND current_balance + p_deltas[i] < 0 THEN
            UPDATE idempotency_keys
               SET state = 'COMPLETED', response_status = p_refusal_status, response_body = p_refusal_detail,
                   error_code = p_refusal_code, error_title = p_refusal_title
             WHERE scope = p_scope AND idem_key = p_key AND claim_token = p_token;
            RETURN QUERY SELECT 'INSUFFICIENT_FUNDS'::text, NULL::uuid, NULL::bigint, NULL::timestamptz;
            RETURN;
        END IF;
    END LOOP;

    INSERT INTO journal_entries (id, type, currency, amount, fee, from_user_id, to_user_id, reference, note,
                                 initiated_by, idempotency_key, created_at)
    VALUES (p_entry, p_type, p_currency, p_amount, p_fee, p_from, p_to, p_reference, p_note, p_initiated_by,
            p_idempotency_key, p_created_at);
    -- the rows are locked and checked: post_legs's conditional UPDATE cannot fail here (it stays as the backstop)
    RETURN QUERY SELECT 'POSTED'::text, l.account_id, l.balance_after, l.posted_at
                   FROM post_legs(p_entry, p_currency, p_accounts, p_deltas) l;

    UPDATE idempotency_keys
       SET state = 'COMPLETED', response_status = 201, response_body = NULL, response_location = p_location
     WHERE scope = p_scope AND idem_key = p_key AND claim_token = p_token;
END
$$;
