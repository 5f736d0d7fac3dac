-- Moves the balances and appends the postings of one journal entry in a single round trip, so that the rows of hot
-- accounts (a popular seller, the fee account) stay locked only for the short end of a transaction. The caller passes
-- the legs already in lock order (users by id, then platform accounts by id): locks are taken in that order.
-- A user account that would go below zero raises SQLSTATE WL001 (insufficient funds); the caller rolls back.
CREATE FUNCTION post_legs(p_entry uuid, p_currency text, p_accounts uuid[], p_deltas bigint[])
    RETURNS TABLE (account_id uuid, balance_after bigint, posted_at timestamptz)
    LANGUAGE plpgsql AS $$
DECLARE
    i int;
    new_balance bigint;
    at timestamptz;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_accounts, 1), 0) LOOP
        UPDATE accounts a
           SET balance = a.balance + p_deltas[i],
               updated_at = GREATEST(clock_timestamp(), a.updated_at + interval '1 microsecond')
         WHERE a.id = p_accounts[i] AND (a.kind <> 'USER' OR a.balance + p_deltas[i] >= 0)
        RETURNING a.balance, a.updated_at INTO new_balance, at;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insufficient funds on account %', p_accounts[i] USING ERRCODE = 'WL001';
        END IF;
        INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
        VALUES (p_entry, p_accounts[i], p_currency, p_deltas[i], new_balance, at);
        account_id := p_accounts[i];
        balance_after := new_balance;
        posted_at := at;
        RETURN NEXT;
    END LOOP;
END
$$;
