#!/usr/bin/env bash
# Builds the extraction benchmark (Release) and runs it: a preliminary study and a full extraction
# for a ~1 % cohort over 10M laboratory and 2M diagnosis rows, Lake beside plain DuckDB SQL on the
# same data. See bench/README.md.
#
#   bench/run-extract.sh                  10M laboratory rows, 2M diagnosis rows
#   bench/run-extract.sh 1M 200000        a quick run
#   bench/run-extract.sh 10M 2000000 --runs 11 --extraction-runs 5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

lab_rows="${1:-10M}"
[[ $# -gt 0 ]] && shift
diagnosis_rows="${1:-2000000}"
[[ $# -gt 0 ]] && shift

for project in Lake.Bench Lake.Bench.Extraction; do
    if ! build_output=$(dotnet build "$here/$project/$project.csproj" -c Release -v quiet -nologo 2>&1); then
        echo "$build_output" >&2
        exit 1
    fi
done

if commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null); then
    [[ -n "$(git -C "$root" status --porcelain -- src sources)" ]] && commit="$commit+dirty"
    export LAKE_BENCH_COMMIT="$commit"
fi

# The laboratory feed is the ingest benchmark's, generated once and reused by both benchmarks.
generated=$(dotnet "$root/artifacts/bin/Lake.Bench/release/Lake.Bench.dll" generate --rows "$lab_rows" --repo "$root")
echo "$generated"
rows=$(echo "$lab_rows" | sed -e 's/_//g' -e 's/[kK]$/000/' -e 's/M$/000000/')
feed=$(ls "$root"/artifacts/bench/feeds/multilab-laboratory-"$rows"-p*-v*.tsv | tail -1)
exec dotnet "$root/artifacts/bin/Lake.Bench.Extraction/release/Lake.Bench.Extraction.dll" \
    --lab-feed "$feed" --diagnosis-rows "$diagnosis_rows" --repo "$root" "$@"
