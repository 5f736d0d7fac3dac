#!/usr/bin/env bash
# The gateway's cost, measured: the same cheap authenticated GET
#   1. directly on the service port,
#   2. through nginx proxying to the service (the reference reverse proxy),
#   3. through the API gateway with the edge token check (rate limits off, so they do not cap the load),
#   4. through the API gateway without the edge check (EDGE_AUTH_ENABLED=false; issue 3 item 10),
# with the same wrk settings, one after the other in one run. Prints throughput, p50 and p99 and the ratios.
#
# Needs: the whole system up (bin/run: auth on 3001, social on 3002, ...), wrk and nginx (apt-get install wrk nginx),
# the gateway jar (services/api-gateway/target/api-gateway.jar). It starts its own two gateways and its own nginx on
# spare ports and stops them at the end; the running system is not touched.
set -euo pipefail
cd "$(dirname "$0")/../.."

AUTH_URL=${AUTH_URL:-http://127.0.0.1:3001}
SERVICE_NAME=${SERVICE_NAME:-social}
SERVICE_URL=${SERVICE_URL:-http://127.0.0.1:3002}
GATEWAY_PORT=${GATEWAY_PORT:-18080}
GATEWAY_NOAUTH_PORT=${GATEWAY_NOAUTH_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18090}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-60s}          # the gateway needs about two minutes of load to reach its full speed (JIT)
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
JAR=${JAR:-services/api-gateway/target/api-gateway.jar}
OUT=${OUT:-bench/gateway/last-run.md}
WORK=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "missing: $1 ($2)" >&2; exit 1; }; }
need wrk "apt-get install wrk"
need nginx "apt-get install nginx"
need curl "apt-get install curl"
need python3 "apt-get install python3"
[ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -pl services/api-gateway -am -DskipTests package" >&2; exit 1; }
curl -fsS "$SERVICE_URL/health" >/dev/null || { echo "the $SERVICE_NAME service is not up at $SERVICE_URL" >&2; exit 1; }

# shellcheck source=bench/gateway/lib.sh
. bench/gateway/lib.sh

# --- a user and the cheap authenticated GET --------------------------------------------------------------------
register_bench_user "$AUTH_URL" bench_gw
BENCH_PATH=${BENCH_PATH:-/users/$USER_ID/stats}
echo "GET $BENCH_PATH (token valid 15 minutes: keep DURATION and WARMUP short enough)"

# --- our own gateways and nginx -------------------------------------------------------------------------------
# the gateways route the measured service to the same instance as the direct and nginx paths (SERVICE_URL)
SERVICE_VAR="$(echo "$SERVICE_NAME" | tr '[:lower:]' '[:upper:]')_SERVICE_URL"
export "$SERVICE_VAR=${!SERVICE_VAR:-$SERVICE_URL}"
start_gateway() { # port, edge check on/off
  PORT=$1 EDGE_AUTH_ENABLED=$2 RATE_LIMIT_ENABLED=false \
  AUTH_SERVICE_URL=${AUTH_SERVICE_URL:-$AUTH_URL} SOCIAL_SERVICE_URL=${SOCIAL_SERVICE_URL:-http://127.0.0.1:3002} \
  WALLET_SERVICE_URL=${WALLET_SERVICE_URL:-http://127.0.0.1:3003} STREAMING_SERVICE_URL=${STREAMING_SERVICE_URL:-http://127.0.0.1:3004} \
  COMMERCE_SERVICE_URL=${COMMERCE_SERVICE_URL:-http://127.0.0.1:3005} \
    "$JAVA" -XX:+UseSerialGC -Xmx256m -jar "$JAR" > "$WORK/gateway-$1.log" 2>&1 &
  PIDS+=($!)
}
start_gateway "$GATEWAY_PORT" true
start_gateway "$GATEWAY_NOAUTH_PORT" false

proxy_nginx_conf "$WORK" "$NGINX_PORT" "${SERVICE_URL#http://}" "$SERVICE_NAME"
nginx -c "$WORK/nginx.conf"

for port in "$GATEWAY_PORT" "$GATEWAY_NOAUTH_PORT"; do
  wait_ready "$port" "${STARTUP_WAIT:-240}" || { tail -n 30 "$WORK/gateway-$port.log"; exit 1; }
done

# --- measure -------------------------------------------------------------------------------------------------
declare -A URL=(
  [direct]="$SERVICE_URL$BENCH_PATH"
  [nginx]="http://127.0.0.1:$NGINX_PORT/$SERVICE_NAME$BENCH_PATH"
  [gateway]="http://127.0.0.1:$GATEWAY_PORT/$SERVICE_NAME$BENCH_PATH"
  [gateway-no-edge-check]="http://127.0.0.1:$GATEWAY_NOAUTH_PORT/$SERVICE_NAME$BENCH_PATH"
)
ORDER=(direct nginx gateway gateway-no-edge-check)
declare -A RPS P50 P99 NON2XX

to_ms() { # wrk latency (e.g. 812.00us, 1.52ms, 1.02s) -> milliseconds
  python3 -c "
import re,sys
v=sys.argv[1]; n=float(re.match(r'[0-9.]+',v).group())
print(round(n/1000 if v.endswith('us') else n*1000 if v.endswith('s') and not v.endswith('ms') else n, 2))" "$1"
}

for name in "${ORDER[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "${URL[$name]}")
  [ "$status" = 200 ] || { echo "$name answers $status on ${URL[$name]}" >&2; exit 1; }
  echo "warming up $name ($WARMUP) ..."
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "${URL[$name]}" >/dev/null
  echo "measuring $name ($DURATION) ..."
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "${URL[$name]}" \
    > "$WORK/wrk-$name.txt"
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$name.txt")
  P50[$name]=$(to_ms "$(awk '$1=="50%" {print $2}' "$WORK/wrk-$name.txt")")
  P99[$name]=$(to_ms "$(awk '$1=="99%" {print $2}' "$WORK/wrk-$name.txt")")
  NON2XX[$name]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk-$name.txt")
done

ratio() { python3 -c "print(f'{float(\"$1\")/float(\"$2\"):.2f}')"; }
{
  echo "## Gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "GET /$SERVICE_NAME$BENCH_PATH with a Bearer token; wrk -t$THREADS -c$CONNECTIONS -d$DURATION after $WARMUP warm-up each; $(nproc) cores shared by everything."
  echo
  echo "| path | requests/s | p50 ms | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  for name in "${ORDER[@]}"; do
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${NON2XX[$name]:-0} |"
  done
  echo
  echo "- gateway / nginx throughput: **$(ratio "${RPS[gateway]}" "${RPS[nginx]}")** (goal >= 0.8)"
  echo "- gateway / direct throughput: $(ratio "${RPS[gateway]}" "${RPS[direct]}")"
  echo "- edge check cost: gateway with / without token validation: $(ratio "${RPS[gateway]}" "${RPS[gateway-no-edge-check]}")"
} | tee "$OUT"
