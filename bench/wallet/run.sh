#!/usr/bin/env bash
# Wallet transfers through the gateway vs pgbench's built-in tpcb-like script (an account-transfer workload) on the
# same PostgreSQL at the same client count, in one run, reported as a ratio; then the ledger invariants are checked.
# Needs the whole system running (bin/run) and pgbench/psql on PATH. See README.md beside this script.
set -euo pipefail
cd "$(dirname "$0")"

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-60}
# a freshly started gateway needs ~2 minutes of load on 2 cores before its JIT is done (at 30 s a cold gateway gave
# 582 transfers/s, a warm one 953): as bench/gateway/ab.sh's warm-up
WARMUP=${WARMUP:-120}
# pgbench has no JIT to wait for
PG_WARMUP=${PG_WARMUP:-30}
SCALE=${SCALE:-10}
THREADS=${THREADS:-2}
export GATEWAY_URL=${GATEWAY_URL:-http://localhost:8080}
# The PostgreSQL the wallet service uses (bin/run's embedded one by default); libpq variables.
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5433} PGUSER=${PGUSER:-postgres}
WALLET_DB=${WALLET_DB:-postgres}
WALLET_SCHEMA=${WALLET_SCHEMA:-wallet}
REF_DB=${REF_DB:-pgbench_reference}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

# Modes, in this order: gateway (GATEWAY_URL/auth, GATEWAY_URL/wallet) and direct (AUTH_URL, WALLET_URL: the services
# themselves, so that the gateway's share is visible). MODES=gateway or MODES=direct runs one of them.
MODES=${MODES:-gateway direct}
AUTH_URL=${AUTH_URL:-http://localhost:3001}
WALLET_URL=${WALLET_URL:-http://localhost:3003}
OVERDRAFT_PERCENT=${OVERDRAFT_PERCENT:-2}

for url in "$GATEWAY_URL" "$AUTH_URL" "$WALLET_URL"; do
  case "$url" in
    http://localhost:*|http://127.0.0.1:*|http://\[::1\]:*) ;;
    *) echo "only loopback addresses are benchmarked: $url" >&2; exit 2 ;;
  esac
done
for tool in pgbench psql; do command -v $tool >/dev/null || { echo "$tool not found (apt-get install postgresql-client)" >&2; exit 2; }; done
for mode in $MODES; do
  case $mode in
    gateway) HEALTH_URL=$GATEWAY_URL/wallet/health ;;
    direct) HEALTH_URL=$WALLET_URL/health ;;
    *) echo "unknown mode $mode (gateway, direct)" >&2; exit 2 ;;
  esac
  curl -fsS --max-time 3 "$HEALTH_URL" >/dev/null || { echo "nothing healthy at $HEALTH_URL: start the system (bin/run)" >&2; exit 2; }
done

percentile() { # $1 = fraction, stdin = numbers (one per line, sorted)
  awk -v f="$1" '{ v[NR] = $1 } END { if (NR == 0) { print 0; exit } i = int(NR * f); if (i < 1) i = 1; print v[i] }'
}

echo "== pgbench tpcb-like: scale $SCALE, $CLIENTS clients, $THREADS threads, ${DURATION}s, database $REF_DB on $PGHOST:$PGPORT"
psql -q -d "$WALLET_DB" -c "DROP DATABASE IF EXISTS $REF_DB" -c "CREATE DATABASE $REF_DB" >/dev/null
pgbench -q -i -s "$SCALE" "$REF_DB" >/dev/null 2>&1
pgbench -b tpcb-like -c "$CLIENTS" -j "$THREADS" -T "$PG_WARMUP" "$REF_DB" >/dev/null 2>&1 || true
( cd "$OUT" && pgbench -b tpcb-like -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -l --log-prefix=pgb "$REF_DB" ) \
  > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
cat "$OUT"/pgb.* | awk '{ print $3 / 1000 }' | sort -n > "$OUT/pgbench-latency-ms.txt"
PG_P50=$(percentile 0.50 < "$OUT/pgbench-latency-ms.txt")
PG_P99=$(percentile 0.99 < "$OUT/pgbench-latency-ms.txt")
echo "PGBENCH tps=$PG_TPS p50_ms=$PG_P50 p99_ms=$PG_P99"
psql -q -d "$WALLET_DB" -c "DROP DATABASE IF EXISTS $REF_DB" >/dev/null

FAILED=0
# every 201 of the bench has exactly one journal entry under its idempotency key, every 422 none
check_outcomes() { # $1 = file of "status,scope/key"
  psql -X -q -A -F ' ' -t -v ON_ERROR_STOP=1 -d "$WALLET_DB" \
    -c "SET search_path TO $WALLET_SCHEMA" \
    -c "CREATE TEMP TABLE bench_outcomes (status int, idem_key text)" \
    -c "\\copy bench_outcomes FROM '$1' WITH (FORMAT csv)" \
    -c "SELECT count(*) FILTER (WHERE status = 201), count(*) FILTER (WHERE status = 201 AND n <> 1),
               count(*) FILTER (WHERE status = 422), count(*) FILTER (WHERE status = 422 AND n <> 0)
          FROM (SELECT o.status, (SELECT count(*) FROM journal_entries e WHERE e.idempotency_key = o.idem_key) AS n
                  FROM bench_outcomes o) x"
}

declare -A TPS P50 P99
for mode in $MODES; do
  if [ "$mode" = gateway ]; then auth=$GATEWAY_URL/auth wallet=$GATEWAY_URL/wallet; else auth=$AUTH_URL wallet=$WALLET_URL; fi
  echo "== wallet transfers ($mode) through $wallet: $CLIENTS clients, warm-up ${WARMUP}s, ${DURATION}s, ${OVERDRAFT_PERCENT}% overdrafts"
  if ! AUTH_URL=$auth WALLET_URL=$wallet CLIENTS=$CLIENTS DURATION=$DURATION WARMUP=$WARMUP \
       OVERDRAFT_PERCENT=$OVERDRAFT_PERCENT KEYS_FILE="$OUT/keys-$mode.csv" "$JAVA" WalletBench.java \
       | tee "$OUT/wallet-$mode.txt"; then
    FAILED=1
  fi
  TPS[$mode]=$(sed -n 's/^WALLET tps=\([0-9.]*\).*/\1/p' "$OUT/wallet-$mode.txt")
  P50[$mode]=$(sed -n 's/^WALLET .* p50_ms=\([0-9.]*\).*/\1/p' "$OUT/wallet-$mode.txt")
  P99[$mode]=$(sed -n 's/^WALLET .* p99_ms=\([0-9.]*\).*/\1/p' "$OUT/wallet-$mode.txt")
  if [ -f "$OUT/keys-$mode.csv" ]; then
    read -r created created_bad refused refused_bad < <(check_outcomes "$OUT/keys-$mode.csv")
    echo "ENTRIES $mode: $created x 201 ($created_bad without exactly one journal entry), $refused x 422 ($refused_bad with an entry)"
    [ "$created_bad" = 0 ] && [ "$refused_bad" = 0 ] || { echo "ENTRY CHECK FAILED ($mode)"; FAILED=1; }
  else
    FAILED=1
  fi
done

echo "== ledger check (database $WALLET_DB, schema $WALLET_SCHEMA)"
psql -v ON_ERROR_STOP=1 -v schema="$WALLET_SCHEMA" -d "$WALLET_DB" -f ledger-check.sql | tee "$OUT/ledger-check.txt"
grep -Eq '^ *t *\|' "$OUT/ledger-check.txt" || { echo "LEDGER CHECK FAILED"; FAILED=1; }

ratio() { awk -v w="$1" -v p="$PG_TPS" 'BEGIN { if (p > 0 && w != "") printf "%.2f", w / p; else print "n/a" }'; }
echo
echo "| $CLIENTS clients | tps | p50 ms | p99 ms | ratio to pgbench |"
echo "|---|---|---|---|---|"
echo "| pgbench tpcb-like | $PG_TPS | $PG_P50 | $PG_P99 | 1 |"
for mode in $MODES; do
  echo "| wallet POST /transfer, $mode | ${TPS[$mode]} | ${P50[$mode]} | ${P99[$mode]} | $(ratio "${TPS[$mode]}") |"
done
line="RESULT pgbench_tps=$PG_TPS"
for mode in $MODES; do line+=" ${mode}_tps=${TPS[$mode]} ${mode}_ratio=$(ratio "${TPS[$mode]}")"; done
echo "$line (goal: gateway_ratio >= 0.5) clients=$CLIENTS duration=${DURATION}s; logs in $OUT"
[ $FAILED -eq 0 ] || { echo "INVARIANTS FAILED: see above"; exit 1; }
