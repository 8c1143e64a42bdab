#!/usr/bin/env bash
# The generalization check (issue 17): five data sets that differ the way real data sets differ, all built from the
# shipped ml-latest-small and the synthetic generator, each split once (seed 0) and compared with
#   aerec compare --ratings ratings.csv --split SPEC --engines $ENGINES --seed 0
# then one Markdown table of every figure and the targets, met or missed (artifacts/accuracy/table.md).
#   bench/accuracy/run.sh [OUT_DIR]            (default artifacts/accuracy; ENGINES=... to change the engine list)
# Nothing here chooses anything: every engine sets itself up from its training part (carves of it) alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-artifacts/accuracy}
engines=${ENGINES:-ae-auto,ae-irec,ae-mult,ease,svd,mf,bias}
./build.sh
bench=bench/ML.AutoEncoderRec.Benchmarks/bin/Release/net10.0/ML.AutoEncoderRec.Benchmarks.dll
aerec=src/ML.AutoEncoderRec.Cli/bin/Release/net10.0/aerec.dll
mkdir -p "$out"
dotnet "$bench" accuracy-data "$out"
for dir in "$out"/*/; do
  name=$(basename "$dir")
  echo "== $name: aerec compare --split $(cat "$dir/split.txt") --engines $engines --seed 0" >&2
  start=$(date +%s)
  dotnet "$aerec" compare --ratings "$dir/ratings.csv" --split "$(cat "$dir/split.txt")" --engines "$engines" --seed 0 \
    --json "$dir/compare.json" > "$dir/compare.txt" 2> "$dir/progress.log"
  cat "$dir/compare.txt" >&2
  echo "   ($(( $(date +%s) - start )) s)" >&2
done
printf 'CPU: %s; %s\n\n' "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(date -u +%F)" > "$out/table.md"
dotnet "$bench" accuracy-table "$out" >> "$out/table.md"
cat "$out/table.md"
