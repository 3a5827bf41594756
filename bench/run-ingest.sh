#!/usr/bin/env bash
# Builds the ingest benchmark (Release) and runs it: Lake's ingest beside plain DuckDB on one
# generated Multilab feed, each variant in its own process. See bench/README.md.
#
#   bench/run-ingest.sh                    10,000,000 rows (the feed is generated once, then reused)
#   bench/run-ingest.sh 1M                 a quick run
#   bench/run-ingest.sh 10M --runs 3       fastest of three, interleaved
#   bench/run-ingest.sh profile 2M --runs 3   where Lake's ingest time goes, stage by stage
#   bench/run-ingest.sh 1M --variants lake,lake-pkcs11   the key ring beside a PKCS#11 token (a private
#                                          SoftHSM token is made for the run unless LAKE_BENCH_PKCS11_* name one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command=run
if [[ "${1:-}" == profile ]]; then
    command=profile
    shift
fi
rows="${1:-10000000}"
[[ $# -gt 0 ]] && shift

if ! build_output=$(dotnet build "$here/Lake.Bench/Lake.Bench.csproj" -c Release -v quiet -nologo 2>&1); then
    echo "$build_output" >&2
    exit 1
fi

# The commit goes into the result file; "+dirty" when src/ or sources/ differ from it.
if commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null); then
    [[ -n "$(git -C "$root" status --porcelain -- src sources)" ]] && commit="$commit+dirty"
    export LAKE_BENCH_COMMIT="$commit"
fi

if [[ " $* " == *lake-pkcs11* && -z "${LAKE_BENCH_PKCS11_MODULE:-}" ]]; then
    token_folder="$(mktemp -d "${TMPDIR:-/tmp}/lake-bench-softhsm.XXXXXX")"
    rmdir "$token_folder"
    trap 'rm -rf "$token_folder"' EXIT
    "$root/scripts/softhsm-token.sh" install
    # shellcheck disable=SC1091
    source "$("$root/scripts/softhsm-token.sh" create "$token_folder" lake-bench)"
    export SOFTHSM2_CONF LAKE_BENCH_PKCS11_MODULE="$LAKE_TEST_PKCS11_MODULE" LAKE_BENCH_PKCS11_TOKEN="$LAKE_TEST_PKCS11_TOKEN" \
        LAKE_BENCH_PKCS11_PIN_FILE="$LAKE_TEST_PKCS11_PIN_FILE"
    dotnet "$root/artifacts/bin/Lake.Bench/release/Lake.Bench.dll" "$command" --rows "$rows" --repo "$root" "$@"
    exit
fi

exec dotnet "$root/artifacts/bin/Lake.Bench/release/Lake.Bench.dll" "$command" --rows "$rows" --repo "$root" "$@"
