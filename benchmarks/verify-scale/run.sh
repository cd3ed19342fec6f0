#!/usr/bin/env bash
# Time `contractkit verify` (stub mode) over 1, 10 and 100 contracts, serial (--parallel 1) and with the
# default parallelism, RUNS times each; prints the median wall time and the time per contract.
# Usage: benchmarks/verify-scale/run.sh [RUNS]   (from the repository root; builds the CLI in Release)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
dotnet build src/ContractKit.Cli -c Release -v q -nologo >/dev/null
cli=(dotnet src/ContractKit.Cli/bin/Release/net10.0/ContractKit.Cli.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# N copies of the Razorpay contract, each with its own route (the stub routes by method and path).
make_contracts() {
  local n=$1 dir=$2
  mkdir -p "$dir/bench"
  python3 - "$n" "$dir/bench" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
c = json.load(open("schemas/razorpay/activate-contact.contract.json"))
for i in range(n):
    c["operation"] = f"activate-contact-{i}"
    c["http"]["path"] = f"/v1/contacts{i}/{{id}}"
    c["examples"]["request"]["url"] = f"https://api.razorpay.com/v1/contacts{i}/cont_00000000000001"
    json.dump(c, open(f"{out}/activate-contact-{i}.contract.json", "w"))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '| contracts | parallel | median s | ms per contract |\n| ---: | --- | ---: | ---: |\n'
for n in 1 10 100; do
  make_contracts "$n" "$work/$n"
  for parallel in 1 default; do
    args=(verify --schemas "$work/$n/bench")
    [ "$parallel" = 1 ] && args+=(--parallel 1)
    times=$(for _ in $(seq "$runs"); do
      start=$(date +%s.%N); "${cli[@]}" "${args[@]}" >/dev/null; end=$(date +%s.%N)
      echo "$end - $start" | bc -l
    done | median)
    printf '| %d | %s | %.2f | %.0f |\n' "$n" "$parallel" "$times" "$(echo "$times * 1000 / $n" | bc -l)"
  done
done
