#!/usr/bin/env bash
# ML.AutoEncoderRec build entry point.
#   ./build.sh              build everything (Release)
#   ./build.sh test         build and run every test
#   ./build.sh run [-- ARGS] run the aerec CLI (no ARGS: the main job on data/ml-latest-small)
#   ./build.sh bench [ARGS] run the benchmarks (JSON lines on stdout)
#   ./build.sh docs         regenerate the README's CLI reference from the commands' help
#   ./build.sh pack         build the library package and the aerec .NET tool into artifacts/
set -euo pipefail
cd "$(dirname "$0")"
config=Release
cmd="${1:-build}"
[ $# -gt 0 ] && shift

# Builds print nothing unless they fail (then the whole log is shown).
quietly() { local log; log=$("$@" 2>&1) || { echo "$log" >&2; echo "build failed: $*" >&2; exit 1; }; }
build() { quietly dotnet build ML.AutoEncoderRec.sln -c "$config" -nologo "$@"; }

case "$cmd" in
  build) build ;;
  test)
    build
    dotnet test ML.AutoEncoderRec.sln -c "$config" --no-build -nologo "$@" ;;
  run)
    [ "${1:-}" = "--" ] && shift
    quietly dotnet build src/ML.AutoEncoderRec.Cli -c "$config" -nologo
    dotnet src/ML.AutoEncoderRec.Cli/bin/$config/net10.0/aerec.dll "$@" ;;
  bench)
    quietly dotnet build bench/ML.AutoEncoderRec.Benchmarks -c "$config" -nologo
    dotnet bench/ML.AutoEncoderRec.Benchmarks/bin/$config/net10.0/ML.AutoEncoderRec.Benchmarks.dll "$@" ;;
  docs)
    quietly dotnet build src/ML.AutoEncoderRec.Cli -c "$config" -nologo
    dotnet src/ML.AutoEncoderRec.Cli/bin/$config/net10.0/aerec.dll docs --readme README.md ;;
  pack)
    rm -f artifacts/*.nupkg
    quietly dotnet pack src/ML.AutoEncoderRec -c "$config" -nologo -o artifacts
    quietly dotnet pack src/ML.AutoEncoderRec.Cli -c "$config" -nologo -o artifacts
    ls -l artifacts/*.nupkg ;;
  *) echo "usage: ./build.sh [build|test|run [-- ARGS]|bench [ARGS]|docs|pack]" >&2; exit 2 ;;
esac
