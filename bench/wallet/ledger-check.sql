-- The wallet's ledger check in plain SQL (same rules as GET /admin/ledger/check), for scripts without an ADMIN token.
-- psql -v ON_ERROR_STOP=1 -v schema=wallet -f ledger-check.sql
SET search_path TO :"schema";
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
WITH
  mismatches AS (
    SELECT count(*) AS n FROM accounts a
      LEFT JOIN (SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id) p ON p.account_id = a.id
     WHERE a.balance <> COALESCE(p.total, 0)),
  unbalanced AS (
    SELECT count(*) AS n FROM (
      SELECT e.id FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
       GROUP BY e.id HAVING count(p.entry_id) < 2 OR COALESCE(sum(p.amount), 0) <> 0) u),
  wrong_after AS (
    SELECT count(*) AS n FROM (
      SELECT balance_after, sum(amount) OVER (PARTITION BY account_id ORDER BY created_at, entry_id) AS running
        FROM postings) r WHERE r.balance_after <> r.running),
  negative AS (SELECT count(*) AS n FROM accounts WHERE kind = 'USER' AND balance < 0),
  nonzero_currencies AS (
    SELECT count(*) AS n FROM (SELECT currency FROM accounts GROUP BY currency HAVING sum(balance) <> 0) c)
SELECT (m.n + u.n + w.n + ng.n + z.n) = 0 AS balanced,
       m.n AS mismatches, u.n AS unbalanced_entries, w.n AS wrong_balance_after, ng.n AS negative_users,
       z.n AS currencies_not_summing_to_zero,
       (SELECT count(*) FROM journal_entries) AS entries
  FROM mismatches m, unbalanced u, wrong_after w, negative ng, nonzero_currencies z;
COMMIT;
