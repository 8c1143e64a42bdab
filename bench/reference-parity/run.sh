#!/usr/bin/env bash
# Step-by-step parity with the PyTorch reference: same initial weights, same matrix, same user order, both
# implementations' losses side by side. Needs Debian's PyTorch (apt-get install -y python3-torch python3-pandas).
# Usage: bench/reference-parity/run.sh [REFERENCE.py] [BATCHES]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
reference="${1:-$root/../shared/peers/seed_reference.py}"
batches="${2:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 "$root/bench/reference-parity/reference_steps.py" --reference "$reference" \
  --data "$root/data/ml-latest-small/ratings.csv" --out "$out" --batches "$batches"
dotnet run --project "$root/bench/ML.AutoEncoderRec.Benchmarks" -c Release -v quiet -- parity "$out"
