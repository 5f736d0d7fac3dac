#!/usr/bin/env python3
"""Logins per second against a running auth service (Argon2id-bound by design), with a cheap reference endpoint
(POST /verify: signature check and one indexed lookup, no Argon2) measured in the same run, so that the ratio says
how much of a login's cost is the password hash.

Bounded in count and time; talks to one base URL (loopback only). Standard library only.

  python3 bench/auth/login_bench.py --url http://127.0.0.1:3911 --seconds 15 --concurrency 1,2,4

Start the instance with a high per-IP limit (AUTH_IP_LIMIT_PER_MINUTE=1000000) or rely on the distinct
X-Forwarded-For this script sends with every request (the auth service counts that header's first entry).
"""
import argparse
import json
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

PASSWORD = "bench password 123"


def call(base, path, body):
    data = json.dumps(body).encode()
    ip = "10.%d.%d.%d" % (random.randrange(256), random.randrange(256), random.randrange(1, 255))
    req = urllib.request.Request(base + path, data=data, method="POST", headers={
        "Content-Type": "application/json", "X-Forwarded-For": ip})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {}


def register_users(base, count):
    users = []
    for _ in range(count):
        name = ("bench_" + uuid.uuid4().hex)[:30]
        status, body = call(base, "/register", {"username": name, "email": name + "@bench.example",
                                                "password": PASSWORD})
        if status != 201:
            sys.exit("register failed: %s" % status)
        users.append((name, body["accessToken"]))
    return users


def run(base, seconds, concurrency, make_request):
    """Each worker repeats make_request(i) until the deadline; returns (count, errors, latencies)."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    latencies, errors = [], [0]

    def worker(index):
        n = 0
        while time.monotonic() < deadline:
            start = time.monotonic()
            ok = make_request(index, n)
            took = time.monotonic() - start
            with lock:
                if ok:
                    latencies.append(took)
                else:
                    errors[0] += 1
            n += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return len(latencies) / elapsed, errors[0], latencies


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:3911")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", default="1,2,4")
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("this benchmark only targets a loopback address")

    users = register_users(args.url, args.users)
    print("| concurrency | endpoint | req/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|")
    ratios = []
    for c in [int(x) for x in args.concurrency.split(",")]:
        def login(i, n):
            name = users[(i * 7919 + n) % len(users)][0]
            status, _ = call(args.url, "/login", {"login": name, "password": PASSWORD})
            return status == 200

        def verify(i, n):
            token = users[(i + n) % len(users)][1]
            status, body = call(args.url, "/verify", {"token": token})
            return status == 200 and body.get("active") is True

        call(args.url, "/login", {"login": users[0][0], "password": PASSWORD})  # warm-up
        rate_l, err_l, lat_l = run(args.url, args.seconds, c, login)
        rate_v, err_v, lat_v = run(args.url, args.seconds, c, verify)
        print("| %d | POST /login | %.1f | %.1f | %.1f | %d |" % (c, rate_l, pct(lat_l, .5), pct(lat_l, .95), err_l))
        print("| %d | POST /verify | %.1f | %.1f | %.1f | %d |" % (c, rate_v, pct(lat_v, .5), pct(lat_v, .95), err_v))
        ratios.append((c, rate_v / rate_l if rate_l else float("nan")))
    for c, ratio in ratios:
        print("concurrency %d: verify/login throughput ratio %.1f" % (c, ratio))


if __name__ == "__main__":
    main()
