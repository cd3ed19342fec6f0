#!/usr/bin/env bash
# The stub against bare Kestrel under wrk on loopback: requests/s and p50/p99 at 1, 50 and 200 connections,
# both servers measured in the same run and alternated round by round (the machine is shared, so read the
# ratios); then the stub's RSS before and after ten concurrent 25 MB request bodies.
#   benchmarks/stub-load/run.sh [seconds-per-round] [rounds]
# Needs wrk (apt-get install -y wrk) and curl. Prints a Markdown table for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
rounds=${2:-3}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release src/ContractKit.Cli -o "$work/cli" >/dev/null
dotnet build -c Release benchmarks/stub-load/BareKestrel -o "$work/bare" >/dev/null

"$work/cli/ContractKit.Cli" stub --schemas schemas --ready-file "$work/ready.json" >/dev/null &
stub=$!; pids+=("$stub")
for _ in $(seq 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
stub_port=$(sed -E 's/.*"port":([0-9]+).*/\1/' "$work/ready.json")
path=/razorpay/v1/contacts/cont_00000000000001
export AUTH=$(printf 'rzp_test_key:secret' | base64)
curl -sf -X PATCH -H "Authorization: Basic $AUTH" -H 'Content-Type: application/json' -d '{"active":false}' \
  -o "$work/body.json" "http://127.0.0.1:$stub_port$path"

bare_port=$(( stub_port == 65535 ? 40000 : stub_port + 1 ))
"$work/bare/BareKestrel" --port "$bare_port" --body "$work/body.json" >/dev/null &
bare=$!; pids+=("$bare")
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$bare_port/" && break; sleep 0.1; done
cmp -s "$work/body.json" <(curl -s -X PATCH -d '{"active":false}' "http://127.0.0.1:$bare_port$path") || { echo "bare Kestrel answers other bytes" >&2; exit 1; }

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
stub_rss_start=$(rss "$stub")

# In milliseconds, from wrk's "50%  1.23ms" lines.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
measure() { # port connections -> "rps p50 p99"
  local threads=$(( $2 < 2 ? 1 : 2 ))
  local out; out=$(wrk -t"$threads" -c"$2" -d"${seconds}s" --latency -s benchmarks/stub-load/request.lua "http://127.0.0.1:$1$path")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers: $out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ { print $2 }' <<<"$out") $(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") $(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Warm-up: JIT and connection pools on both.
measure "$stub_port" 50 >/dev/null; measure "$bare_port" 50 >/dev/null

echo "| connections | stub req/s | Kestrel req/s | Kestrel/stub throughput | stub p50 ms | Kestrel p50 ms | stub p99 ms | Kestrel p99 ms | stub/Kestrel p99 |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for connections in 1 50 200; do
  : >"$work/stub.txt"; : >"$work/bare.txt"
  for _ in $(seq "$rounds"); do
    measure "$stub_port" "$connections" >>"$work/stub.txt"
    measure "$bare_port" "$connections" >>"$work/bare.txt"
  done
  s_rps=$(cut -d' ' -f1 "$work/stub.txt" | median); b_rps=$(cut -d' ' -f1 "$work/bare.txt" | median)
  s_p50=$(cut -d' ' -f2 "$work/stub.txt" | median); b_p50=$(cut -d' ' -f2 "$work/bare.txt" | median)
  s_p99=$(cut -d' ' -f3 "$work/stub.txt" | median); b_p99=$(cut -d' ' -f3 "$work/bare.txt" | median)
  awk -v c="$connections" -v sr="$s_rps" -v br="$b_rps" -v s5="$s_p50" -v b5="$b_p50" -v s9="$s_p99" -v b9="$b_p99" \
    'BEGIN { printf "| %d | %.0f | %.0f | %.2fx | %.2f | %.2f | %.2f | %.2f | %.2fx |\n", c, sr, br, br / sr, s5, b5, s9, b9, s9 / b9 }'
done

# Memory: ten concurrent 25 MB bodies (each refused with 413 at 1 MiB), with and without Content-Length.
stub_rss_loaded=$(rss "$stub")
head -c $((25 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$work/big.json"
codes=()
for mode in length chunked; do
  extra=(); [ "$mode" = chunked ] && extra=(-H 'Transfer-Encoding: chunked')
  clients=()
  for _ in $(seq 10); do
    curl -s -o /dev/null -w '%{http_code}\n' -X PATCH -H "Authorization: Basic $AUTH" -H 'Content-Type: application/json' \
      "${extra[@]}" --data-binary @"$work/big.json" "http://127.0.0.1:$stub_port$path" >>"$work/codes.txt" || echo "reset" >>"$work/codes.txt" &
    clients+=($!)
  done
  wait "${clients[@]}" || true
done
stub_rss_peak_after=$(rss "$stub")
sleep 5
stub_rss_after=$(rss "$stub")
echo
echo "stub RSS: ${stub_rss_start} MB at start, ${stub_rss_loaded} MB after the load runs, ${stub_rss_peak_after} MB right after 20 bodies of 25 MB (10 with Content-Length, 10 chunked; answers: $(sort "$work/codes.txt" | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep=", " }')), ${stub_rss_after} MB 5 s later"
echo "commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d), $(nproc) cores, wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'), ${rounds} alternating rounds of ${seconds} s, medians"
