#!/usr/bin/env bash
# The database's ceiling for a wallet transfer: pgbench tpcb-like and a pgbench script calling transfer_once (the
# whole POST /transfer in one statement) on the same PostgreSQL, same client count, back to back, ROUNDS times
# alternating; tps and the CPU of the pgbench backends per transaction (read from /proc: PostgreSQL must run on this
# machine). The wallet's schema comes from its Flyway migrations, in a scratch database with 20 funded accounts.
# Variables: CLIENTS (8), DURATION (20 s per run), WARMUP (10 s), ROUNDS (3), SCALE (10), PGHOST/PGPORT/PGUSER
# (127.0.0.1:5433 postgres, bin/run's embedded PostgreSQL), MIGRATIONS (the wallet's db/migration folder).
set -euo pipefail
cd "$(dirname "$0")"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5433} PGUSER=${PGUSER:-postgres}
CLIENTS=${CLIENTS:-8}; DURATION=${DURATION:-20}; WARMUP=${WARMUP:-10}; ROUNDS=${ROUNDS:-3}; SCALE=${SCALE:-10}
MIGRATIONS=${MIGRATIONS:-../../services/wallet-service/src/main/resources/db/migration}
REF=wallet_ceiling_tpcb DB=wallet_ceiling_transfer

psql -q -d postgres -c "DROP DATABASE IF EXISTS $REF" -c "CREATE DATABASE $REF" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
pgbench -q -i -s "$SCALE" "$REF" >/dev/null 2>&1
( echo "CREATE SCHEMA wallet; SET search_path TO wallet;"
  for f in $(ls "$MIGRATIONS"/V*.sql | sort -V); do cat "$f"; echo; done ) | psql -q -v ON_ERROR_STOP=1 -d "$DB" >/dev/null
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
SET search_path TO wallet;
INSERT INTO accounts (id, kind, currency, shard) VALUES ('ffffffff-0000-0000-0000-000000000000', 'PLATFORM_DEPOSITS', 'COIN', 0);
INSERT INTO accounts (id, kind, owner_id, currency)
  SELECT ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'USER',
         ('10000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'COIN' FROM generate_series(1, 20) i;
DO $$
DECLARE e uuid;
BEGIN
  FOR i IN 1..20 LOOP
    e := gen_random_uuid();
    INSERT INTO journal_entries (id, type, currency, amount, fee, initiated_by, created_at)
      VALUES (e, 'DEPOSIT', 'COIN', 1000000, 0, 'seed', now());
    PERFORM post_legs(e, 'COIN', ARRAY[('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid,
                                       'ffffffff-0000-0000-0000-000000000000'::uuid], ARRAY[1000000, -1000000]::bigint[]);
  END LOOP;
END $$;
ANALYZE;
SQL
psql -q -d postgres -c "ALTER DATABASE $DB SET search_path TO wallet"

run() { # $1 = label, $2 = database, rest = pgbench arguments; prints tps and backend CPU ms per transaction
  local label=$1 db=$2; shift 2
  local out; out=$(mktemp)
  pgbench "$@" -c "$CLIENTS" -j 2 -T "$DURATION" "$db" > "$out" 2>&1 &
  local bp=$! pids="" p v
  declare -A last=()
  sleep 0.5
  while kill -0 $bp 2>/dev/null; do
    [ -z "$pids" ] && pids=$(psql -Atq -d postgres -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench' AND datname = '$db'" | tr '\n' ' ')
    for p in $pids; do v=$(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null) && last[$p]=$v; done
    sleep 0.2
  done
  wait $bp || true
  local ticks=0; for p in "${!last[@]}"; do ticks=$((ticks + last[$p])); done
  local tps n hz; tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out"); n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
  hz=$(getconf CLK_TCK)
  grep -E '^pgbench: error' "$out" | head -3 || true
  awk -v l="$label" -v tps="$tps" -v n="$n" -v t="$ticks" -v hz="$hz" \
    'BEGIN { printf "%-14s tps=%8.1f backend_cpu_ms_per_tx=%.3f\n", l, tps, (n > 0 ? t * 1000 / hz / n : 0) }'
  rm -f "$out"
}
pgbench -b tpcb-like -c "$CLIENTS" -j 2 -T "$WARMUP" "$REF" >/dev/null 2>&1 || true
pgbench -n -M prepared -f transfer-once.pgbench -c "$CLIENTS" -j 2 -T "$WARMUP" "$DB" >/dev/null 2>&1 || true
for r in $(seq 1 "$ROUNDS"); do
  run tpcb-like "$REF" -b tpcb-like
  run transfer_once "$DB" -n -M prepared -f transfer-once.pgbench
done
psql -q -d "$DB" -v schema=wallet -f ledger-check.sql | grep -E '^ *[tf] *\|' | sed 's/^/ledger check: /'
psql -q -d postgres -c "DROP DATABASE $REF" -c "DROP DATABASE $DB"
