#!/usr/bin/env bash
# Load benchmark of `aerec serve` (not a test): starts the server on loopback with a saved model and drives it
# with wrk for a bounded time, first GET /users/{id}/recommendations?top=10 (users rotated), then
# POST /recommendations (fold-in of a known user's first five ratings, rotated). Prints JSON lines on stdout:
# one per endpoint (requests/s, p50 and p99 latency, errors) and one with the server's memory before and after.
#
#   bench/serve-load.sh --model M.zip [--duration 20] [--connections 32] [--threads 2] [--warmup 3]
#                       [--ratings data/ml-latest-small/ratings.csv] [--titles FILE] [--users 200]
#   bench/serve-load.sh --url http://127.0.0.1:5080 [...]   drive a server already running (no memory figures)
#
# Needs wrk and curl (apt-get install -y wrk curl). User ids and ratings for the bodies come from --ratings;
# only users the model knows (answered 200) are used.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "serve-load: $*" >&2; exit 1; }

model="" url="" titles="" duration=20 connections=32 threads=2 warmup=3 users=200
ratings=data/ml-latest-small/ratings.csv
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="${2:?--model needs a path}"; shift 2 ;;
    --url) url="${2:?--url needs an address}"; shift 2 ;;
    --titles) titles="${2:?--titles needs a path}"; shift 2 ;;
    --ratings) ratings="${2:?--ratings needs a path}"; shift 2 ;;
    --duration) duration="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --users) users="${2:?}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "serve-load: unknown argument '$1'" >&2; usage ;;
  esac
done
if { [ -n "$model" ] && [ -n "$url" ]; } || { [ -z "$model" ] && [ -z "$url" ]; }; then
  echo "serve-load: give exactly one of --model PATH and --url ADDRESS" >&2; usage
fi
for n in "$duration" "$connections" "$threads" "$warmup" "$users"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "'$n' is not a whole number (durations are in seconds)"
done
command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"
command -v curl >/dev/null || die "curl is not installed (apt-get install -y curl)"
[ -f "$ratings" ] || die "ratings file '$ratings' does not exist (give --ratings)"

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

rss_mib() { awk -v key="$2:" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

if [ -n "$model" ]; then
  [ -f "$model" ] || die "model file '$model' does not exist"
  dotnet build src/ML.AutoEncoderRec.Cli -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build failed"; }
  args=(serve --model "$model" --urls http://127.0.0.1:0)
  [ -n "$titles" ] && args+=(--titles "$titles")
  dotnet src/ML.AutoEncoderRec.Cli/bin/Release/net10.0/aerec.dll "${args[@]}" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do
    url=$(grep -o 'at http://[^ ;]*' "$work/server.log" | head -1 | cut -c4- || true)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server stopped before listening"; }
    sleep 0.2
  done
  [ -n "$url" ] || { cat "$work/server.log" >&2; die "the server did not listen within 120 s"; }
fi
url="${url%/}"
curl -sf "$url/health" >/dev/null || die "no answer from $url/health"
model_info=$(curl -sf "$url/model")
rss_before=""
[ -n "$server_pid" ] && rss_before=$(rss_mib "$server_pid" VmRSS)

# Known users among the first --users distinct user ids of the ratings file, and each one's first five ratings.
awk -F, -v max="$users" 'NR > 1 && $1 ~ /^[0-9]+$/ && !($1 in seen) { seen[$1] = 1; print $1; if (++n == max) exit }' "$ratings" >"$work/candidates"
while read -r id; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/users/$id/recommendations?top=1")" = 200 ] && echo "$id"
done <"$work/candidates" >"$work/users"
[ -s "$work/users" ] || die "none of the first $users users of $ratings is known to the model at $url"
awk -F, 'NR == FNR { keep[$1] = 1; next }
  FNR > 1 && ($1 in keep) && count[$1] < 5 { body[$1] = body[$1] (count[$1]++ ? "," : "") "{\"item\":" $2 ",\"rating\":" $3 "}" }
  END { for (u in body) print "{\"ratings\":[" body[u] "],\"top\":10}" }' "$work/users" "$ratings" >"$work/bodies"

# wrk scripts: rotate through the paths or bodies; report one JSON line when done.
report='
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "{\"requests\":%d,\"duration_s\":%.2f,\"requests_per_s\":%.1f,\"latency_p50_ms\":%.2f,\"latency_p99_ms\":%.2f,\"latency_max_ms\":%.2f,"
    .. "\"errors\":{\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d}}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end'
{
  echo 'local paths = {'
  sed 's|.*|"/users/&/recommendations?top=10",|' "$work/users"
  echo '}'
  echo 'local n = 0'
  echo 'request = function() n = n % #paths + 1; return wrk.format("GET", paths[n]) end'
  echo "$report"
} >"$work/get.lua"
{
  echo 'local bodies = {'
  sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&",/' "$work/bodies"
  echo '}'
  echo 'local n = 0'
  echo 'local headers = { ["Content-Type"] = "application/json" }'
  echo 'request = function() n = n % #bodies + 1; return wrk.format("POST", "/recommendations", headers, bodies[n]) end'
  echo "$report"
} >"$work/post.lua"

engine=$(sed -n 's/.*"engine":"\([^"]*\)".*/\1/p' <<<"$model_info")
for endpoint in get post; do
  name=$([ "$endpoint" = get ] && echo "GET /users/{id}/recommendations?top=10" || echo "POST /recommendations")
  [ "$warmup" -gt 0 ] && wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$work/$endpoint.lua" "$url" >/dev/null
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 5s -s "$work/$endpoint.lua" "$url" >"$work/$endpoint.out" \
    || { cat "$work/$endpoint.out" >&2; die "wrk failed"; }
  result=$(grep '^{' "$work/$endpoint.out") || { cat "$work/$endpoint.out" >&2; die "wrk printed no result"; }
  echo "{\"bench\":\"serve\",\"endpoint\":\"$name\",\"engine\":\"$engine\",\"url\":\"$url\",\"threads\":$threads,\"connections\":$connections,\"users\":$(wc -l <"$work/users"),${result:1}"
done

if [ -n "$server_pid" ]; then
  echo "{\"bench\":\"serve\",\"memory\":\"server\",\"engine\":\"$engine\",\"model\":\"$model\",\"rss_mib_before\":$rss_before,\"rss_mib_after\":$(rss_mib "$server_pid" VmRSS),\"peak_rss_mib\":$(rss_mib "$server_pid" VmHWM)}"
else
  echo "{\"bench\":\"serve\",\"memory\":null,\"note\":\"--url: the server is not ours, its memory is not measured\"}"
fi
