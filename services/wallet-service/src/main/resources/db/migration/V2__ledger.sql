-- Double-entry ledger (ADR 0050-wallet-double-entry-ledger). Money is bigint minor units.
-- accounts: one per user and currency (kind USER), plus platform accounts per currency. The balance is kept on the
-- row and changed only in the transaction that appends the postings; user accounts never go below zero.
CREATE TABLE accounts (
    id          uuid        PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('USER', 'PLATFORM_DEPOSITS', 'PLATFORM_WITHDRAWALS', 'PLATFORM_FEES')),
    owner_id    uuid,
    currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3,8}$'),
    balance     bigint      NOT NULL DEFAULT 0,
    held        bigint      NOT NULL DEFAULT 0 CHECK (held >= 0),
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT accounts_user_has_owner CHECK ((kind = 'USER') = (owner_id IS NOT NULL)),
    CONSTRAINT accounts_user_balance_not_negative CHECK (kind <> 'USER' OR balance >= 0),
    CONSTRAINT accounts_id_currency UNIQUE (id, currency)
);
CREATE UNIQUE INDEX accounts_user_currency ON accounts (owner_id, currency) WHERE kind = 'USER';
CREATE UNIQUE INDEX accounts_platform_currency ON accounts (kind, currency) WHERE kind <> 'USER';

-- journal_entries: one per movement of money, with what the API shows about it.
CREATE TABLE journal_entries (
    id               uuid        PRIMARY KEY,
    type             text        NOT NULL CHECK (type IN ('DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'PAYMENT', 'REFUND', 'GIFT')),
    currency         text        NOT NULL,
    amount           bigint      NOT NULL CHECK (amount > 0 AND amount <= 1000000000000),
    fee              bigint      NOT NULL DEFAULT 0 CHECK (fee >= 0 AND fee <= amount),
    from_user_id     uuid,
    to_user_id       uuid,
    reference        text,
    note             text,
    initiated_by     text        NOT NULL,
    idempotency_key  text,
    created_at       timestamptz NOT NULL
);
CREATE INDEX journal_entries_idempotency_key ON journal_entries (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- postings: the legs of an entry. amount > 0 credits the account (raises its balance), < 0 debits it.
-- created_at is taken from the account row under its lock, so it strictly increases per account and orders
-- the history exactly as the balance changed (balance_after is the balance right after this posting).
CREATE TABLE postings (
    entry_id       uuid        NOT NULL REFERENCES journal_entries (id),
    account_id     uuid        NOT NULL,
    currency       text        NOT NULL,
    amount         bigint      NOT NULL CHECK (amount <> 0),
    balance_after  bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (entry_id, account_id),
    FOREIGN KEY (account_id, currency) REFERENCES accounts (id, currency)
);
CREATE INDEX postings_account_history ON postings (account_id, created_at DESC, entry_id DESC);

-- internal transfers (POST /internal/transfers): reference is unique, so money moves at most once per reference.
CREATE TABLE internal_transfers (
    id              uuid        PRIMARY KEY REFERENCES journal_entries (id) DEFERRABLE INITIALLY DEFERRED,
    reference       text        NOT NULL UNIQUE,
    from_user_id    uuid        NOT NULL,
    to_user_id      uuid        NOT NULL,
    amount          bigint      NOT NULL,
    fee             bigint      NOT NULL,
    currency        text        NOT NULL,
    type            text        NOT NULL,
    calling_service text        NOT NULL,
    created_at      timestamptz NOT NULL
);

-- History is append-only: the database itself refuses to change or remove it.
CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger history is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER internal_transfers_append_only BEFORE UPDATE OR DELETE ON internal_transfers
    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER internal_transfers_no_truncate BEFORE TRUNCATE ON internal_transfers
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();

-- Every entry balances: checked at commit, after all its postings are in.
CREATE FUNCTION check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    legs int;
    unbalanced int;
BEGIN
    SELECT count(*) INTO legs FROM postings WHERE entry_id = NEW.entry_id;
    SELECT count(*) INTO unbalanced FROM (
        SELECT currency FROM postings WHERE entry_id = NEW.entry_id GROUP BY currency HAVING sum(amount) <> 0
    ) u;
    IF legs < 2 OR unbalanced > 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance', NEW.entry_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced();
