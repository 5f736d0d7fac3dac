# Shared by run.sh and ab.sh (sourced, not run).

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# register_bench_user AUTH_URL PREFIX: registers a fresh user and sets TOKEN and USER_ID
register_bench_user() {
  local username tokens
  username="$2_$(date +%s)"
  tokens=$(curl -fsS -X POST "$1/register" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$username\",\"email\":\"$username@bench.example\",\"password\":\"bench-password-1\"}")
  TOKEN=$(echo "$tokens" | json "['accessToken']")
  USER_ID=$(echo "$tokens" | json "['user']['id']")
  echo "user $username"
}

# proxy_nginx_conf DIR LISTEN_PORT UPSTREAM_HOST:PORT PREFIX...: writes DIR/nginx.conf, a one-worker nginx that
# proxies /PREFIX/... (each PREFIX) to the upstream with a keep-alive pool (the reference reverse proxy); its pid
# file is DIR/nginx.pid
proxy_nginx_conf() {
  local dir=$1 listen=$2 upstream=$3 locations="" prefix
  shift 3
  for prefix in "$@"; do
    locations+="
    location /$prefix/ {
      proxy_pass http://service/;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host \$host;
    }"
  done
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<NGINX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fcgi; uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  upstream service { server $upstream; keepalive 64; }
  server {
    listen 127.0.0.1:$listen;$locations
  }
}
NGINX
}

# wait_ready PORT [SECONDS]: waits until the gateway on PORT is ready; false if it never is
wait_ready() {
  for _ in $(seq 1 "${2:-240}"); do
    curl -fsS "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}
