#!/usr/bin/env bash
# Wallet transfers through the gateway vs pgbench's built-in tpcb-like script (an account-transfer workload) on the
# same PostgreSQL at the same client count, in one run, reported as a ratio; then the ledger invariants are checked.
# Needs the whole system running (bin/run) and pgbench/psql on PATH. See README.md beside this script.
set -euo pipefail
cd "$(dirname "$0")"

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-30}
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

case "$GATEWAY_URL" in
  http://localhost:*|http://127.0.0.1:*|http://\[::1\]:*) ;;
  *) echo "GATEWAY_URL must be a loopback address" >&2; exit 2 ;;
esac
for tool in pgbench psql; do command -v $tool >/dev/null || { echo "$tool not found (apt-get install postgresql-client)" >&2; exit 2; }; done
# direct mode: AUTH_URL and WALLET_URL (e.g. http://localhost:3001 and :3003) bypass the gateway
HEALTH_URL=${WALLET_URL:-$GATEWAY_URL}/health
curl -fsS --max-time 3 "$HEALTH_URL" >/dev/null || { echo "nothing healthy at $HEALTH_URL: start the system (bin/run)" >&2; exit 2; }

percentile() { # $1 = fraction, stdin = numbers (one per line, sorted)
  awk -v f="$1" '{ v[NR] = $1 } END { if (NR == 0) { print 0; exit } i = int(NR * f); if (i < 1) i = 1; print v[i] }'
}

echo "== pgbench tpcb-like: scale $SCALE, $CLIENTS clients, $THREADS threads, ${DURATION}s, database $REF_DB on $PGHOST:$PGPORT"
psql -q -d "$WALLET_DB" -c "DROP DATABASE IF EXISTS $REF_DB" -c "CREATE DATABASE $REF_DB" >/dev/null
pgbench -q -i -s "$SCALE" "$REF_DB" >/dev/null 2>&1
pgbench -b tpcb-like -c "$CLIENTS" -j "$THREADS" -T "$WARMUP" "$REF_DB" >/dev/null 2>&1 || true
( cd "$OUT" && pgbench -b tpcb-like -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -l --log-prefix=pgb "$REF_DB" ) \
  > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -1)
cat "$OUT"/pgb.* | awk '{ print $3 / 1000 }' | sort -n > "$OUT/pgbench-latency-ms.txt"
PG_P50=$(percentile 0.50 < "$OUT/pgbench-latency-ms.txt")
PG_P99=$(percentile 0.99 < "$OUT/pgbench-latency-ms.txt")
echo "PGBENCH tps=$PG_TPS p50_ms=$PG_P50 p99_ms=$PG_P99"
psql -q -d "$WALLET_DB" -c "DROP DATABASE IF EXISTS $REF_DB" >/dev/null

echo "== wallet transfers through ${WALLET_URL:-$GATEWAY_URL/wallet}: $CLIENTS clients, warm-up ${WARMUP}s, ${DURATION}s"
CLIENTS=$CLIENTS DURATION=$DURATION WARMUP=$WARMUP "$JAVA" WalletBench.java | tee "$OUT/wallet.txt"
W_TPS=$(sed -n 's/^WALLET tps=\([0-9.]*\).*/\1/p' "$OUT/wallet.txt")

echo "== ledger check (database $WALLET_DB, schema $WALLET_SCHEMA)"
psql -v ON_ERROR_STOP=1 -v schema="$WALLET_SCHEMA" -d "$WALLET_DB" -f ledger-check.sql | tee "$OUT/ledger-check.txt"
grep -Eq '^ *t *\|' "$OUT/ledger-check.txt" || { echo "LEDGER CHECK FAILED"; exit 1; }

RATIO=$(awk -v w="$W_TPS" -v p="$PG_TPS" 'BEGIN { if (p > 0) printf "%.2f", w / p; else print "n/a" }')
echo "RESULT wallet_tps=$W_TPS pgbench_tps=$PG_TPS ratio=$RATIO (goal >= 0.5) clients=$CLIENTS duration=${DURATION}s; logs in $OUT"
