#!/usr/bin/env bash
# A/B of two gateway builds by the gateway's own CPU time per proxied request, for work on the gateway's cost when the
# machine is too busy for throughput numbers to mean much (bench/gateway/README.md, "Helper measurement").
#
# Both gateways are started at the same moment and measured alternately, round after round, with the same wrk
# settings, so that they see the same load from the rest of the machine and the same JIT warm-up. Per round and
# gateway: requests served, requests/s, and the gateway's CPU time (utime + stime of /proc/<pid>/stat) per request.
# Upstream: by default a static nginx answering a small JSON body for every path, so that only the gateways' own cost
# counts (UPSTREAM=service: the real service at SERVICE_URL instead). The edge token check is on, rate limits off.
#
#   JAR_A=/tmp/before.jar JAR_B=services/api-gateway/target/api-gateway.jar ROUNDS=8 ROUND=20s bench/gateway/ab.sh
#
# Needs the auth service (AUTH_URL, for a token and the JWKS) or AUTH=standin (the static nginx also serves a JWKS of
# a key made by standin-token.py, which signs the token; needs python3-cryptography), wrk, nginx, curl and python3.
# JFR=1 records a flight recording of each gateway from round JFR_FROM (3) on, in $WORK, for jfr-top.py.
set -euo pipefail
cd "$(dirname "$0")/../.."

AUTH_URL=${AUTH_URL:-http://127.0.0.1:3001}
SERVICE_URL=${SERVICE_URL:-http://127.0.0.1:3002}
UPSTREAM=${UPSTREAM:-static}
PORT_A=${PORT_A:-18082}
PORT_B=${PORT_B:-18083}
STATIC_PORT=${STATIC_PORT:-18091}
NGINX_PROXY_PORT=${NGINX_PROXY_PORT:-18092}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-8}
ROUND=${ROUND:-20s}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
JAR_A=${JAR_A:?the first gateway jar}
JAR_B=${JAR_B:?the second gateway jar}
JAVA_OPTS_A=${JAVA_OPTS_A:-}
JAVA_OPTS_B=${JAVA_OPTS_B:-}
WORK=${WORK:-$(mktemp -d)}
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -f "$WORK/proxy-nginx/nginx.pid" ] && kill "$(cat "$WORK/proxy-nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# shellcheck source=bench/gateway/lib.sh
. bench/gateway/lib.sh
if [ "${AUTH:-service}" = standin ]; then
  TOKEN=$(python3 bench/gateway/standin-token.py "$WORK/jwks.json")
  USER_ID=00000000-0000-0000-0000-000000000001
  AUTH_URL=http://127.0.0.1:$STATIC_PORT
  UPSTREAM=static
else
  register_bench_user "$AUTH_URL" bench_ab
fi
BENCH_PATH=${BENCH_PATH:-/social/users/$USER_ID/stats}
# BODY set: POST it as JSON (e.g. BENCH_PATH=/wallet/transfer BODY='{"toUserId":"…","amount":1}'), one idempotency key
# per connection (the static upstream answers 201 whatever it gets)
WRK_SCRIPT=()
if [ -n "${BODY:-}" ]; then
  python3 - "$WORK/post.lua" "$BODY" <<'LUA'
import json, sys
open(sys.argv[1], "w").write(f"""wrk.method = "POST"
wrk.body = {json.dumps(sys.argv[2])}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Idempotency-Key"] = "00000000-0000-4000-8000-" .. string.format("%012d", math.random(0, 999999999))
""")
LUA
  WRK_SCRIPT=(-s "$WORK/post.lua")
fi

if [ "$UPSTREAM" = static ]; then
  cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/body; proxy_temp_path $WORK/proxy;
  fastcgi_temp_path $WORK/fcgi; uwsgi_temp_path $WORK/uwsgi; scgi_temp_path $WORK/scgi;
  server {
    listen 127.0.0.1:$STATIC_PORT;
    keepalive_requests 1000000;
    location / { default_type application/json; return 200 '{"followers":0,"following":0,"posts":0}'; }
    location /transfer { default_type application/json; return 201 '{"transferId":"8b0c6f4e-2d7a-4a35-9a57-0d6f7f1c2b11","amount":1}'; }
    location = /health { default_type application/json; return 200 '{"status":"UP"}'; }
    location = /.well-known/jwks.json { default_type application/json; alias $WORK/jwks.json; }
  }
}
NGINX
  nginx -c "$WORK/nginx.conf"
  SOCIAL=http://127.0.0.1:$STATIC_PORT
  # the reference: an nginx of its own (one worker, so that its CPU is that worker's) proxying to the static one
  proxy_nginx_conf "$WORK/proxy-nginx" "$NGINX_PROXY_PORT" "127.0.0.1:$STATIC_PORT" social wallet
  nginx -c "$WORK/proxy-nginx/nginx.conf"
  sleep 1
  NGINX_WORKER=$(pgrep -P "$(cat "$WORK/proxy-nginx/nginx.pid")" | head -n 1)
else
  SOCIAL=$SERVICE_URL
fi

start_gateway() { # port, jar, java options, name
  # shellcheck disable=SC2086
  PORT=$1 EDGE_AUTH_ENABLED=true RATE_LIMIT_ENABLED=false INSTANCE_HEALTH_TIMEOUT=10s \
  AUTH_SERVICE_URL=$AUTH_URL SOCIAL_SERVICE_URL=$SOCIAL WALLET_SERVICE_URL=$SOCIAL \
    "$JAVA" -XX:+UseSerialGC -Xmx256m $3 -jar "$2" > "$WORK/$4.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$WORK/$4.pid"
}
start_gateway "$PORT_A" "$JAR_A" "$JAVA_OPTS_A" a
start_gateway "$PORT_B" "$JAR_B" "$JAVA_OPTS_B" b
for port in "$PORT_A" "$PORT_B"; do wait_ready "$port" || true; done
for port in "$PORT_A" "$PORT_B"; do
  if [ -n "${BODY:-}" ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -H 'Idempotency-Key: 00000000-0000-4000-8000-000000000001' --data "$BODY" "http://127.0.0.1:$port$BENCH_PATH")
  else
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$BENCH_PATH")
  fi
  [ "${status:0:1}" = 2 ] || { echo "gateway on $port answers $status" >&2; tail -n 30 "$WORK"/*.log; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
CONTESTANTS=(a b)
header="| round | A req/s | A CPU us/req | B req/s | B CPU us/req | B/A CPU |"
rule="|---:|---:|---:|---:|---:|---:|"
if [ -n "${NGINX_WORKER:-}" ]; then
  CONTESTANTS+=(nginx)
  header="$header nginx req/s | nginx worker CPU us/req |"
  rule="$rule---:|---:|"
fi
echo "$header" | tee "$WORK/ab.md"
echo "$rule" | tee -a "$WORK/ab.md"
for round in $(seq 1 "$ROUNDS"); do
  if [ "${JFR:-0}" = 1 ] && [ "$round" = "${JFR_FROM:-3}" ]; then # profile the warm gateways only
    for g in a b; do
      jcmd "$(cat "$WORK/$g.pid")" JFR.start name=ab settings=profile filename="$WORK/$g.jfr" >/dev/null
    done
  fi
  line="| $round"
  declare -A US=() RPS=()
  # A before B in odd rounds, B before A in even ones: the one measured second had an edge (warmer, measured as the
  # machine calmed down) that made two copies of the same jar differ by 20-30 % on a busy machine
  order=("${CONTESTANTS[@]}")
  [ $((round % 2)) = 0 ] && order=(b a "${CONTESTANTS[@]:2}")
  for g in "${order[@]}"; do
    case $g in
      a) port=$PORT_A; pid=$(cat "$WORK/a.pid") ;;
      b) port=$PORT_B; pid=$(cat "$WORK/b.pid") ;;
      nginx) port=$NGINX_PROXY_PORT; pid=$NGINX_WORKER ;;
    esac
    before=$(cpu_ticks "$pid")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$ROUND" -H "Authorization: Bearer $TOKEN" "${WRK_SCRIPT[@]}" \
      "http://127.0.0.1:$port$BENCH_PATH" > "$WORK/wrk-$g-$round.txt"
    after=$(cpu_ticks "$pid")
    requests=$(awk '/requests in/ {print $1}' "$WORK/wrk-$g-$round.txt")
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$g-$round.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-$g-$round.txt")
    US[$g]=$(python3 -c "print(round(($after-$before)/$TICK*1e6/max(1,$requests)))")
    RPS[$g]="$rps${non2xx:+ ($non2xx non-2xx)}"
  done
  for g in "${CONTESTANTS[@]}"; do line="$line | ${RPS[$g]} | ${US[$g]}"; done
  ratio=$(python3 -c "print(f'{${US[b]}/max(1,${US[a]}):.2f}')")
  if [ -n "${US[nginx]:-}" ]; then
    # the B/A column stays where it was; nginx's two columns follow it
    line=$(echo "$line" | python3 -c "import sys; p=sys.stdin.read().strip().split(' | '); print(' | '.join(p[:5]) + ' | $ratio | ' + ' | '.join(p[5:]))")
    echo "$line |" | tee -a "$WORK/ab.md"
  else
    echo "$line | $ratio |" | tee -a "$WORK/ab.md"
  fi
done
echo "results and logs in $WORK"
if [ "${JFR:-0}" = 1 ]; then
  for g in a b; do jcmd "$(cat "$WORK/$g.pid")" JFR.stop name=ab >/dev/null; done
  echo "flight recordings (from round ${JFR_FROM:-3} on): $WORK/a.jfr $WORK/b.jfr (bench/gateway/jfr-top.py)"
fi
