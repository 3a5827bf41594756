#!/usr/bin/env bash
# A private SoftHSM token for the tests and for trying the PKCS#11 key store on a laptop: its own
# softhsm2.conf and token folder inside one folder, so it never touches /var/lib/softhsm or another
# run's tokens, and a random user PIN in a 0600 file (never on a command line that ps could show
# for long, never printed).
#
#   scripts/softhsm-token.sh install           installs softhsm2 (apt) when missing
#   scripts/softhsm-token.sh create DIR [LABEL] initializes a token (default label lake-test) in DIR
#   scripts/softhsm-token.sh delete DIR        deletes DIR's tokens and the folder
#
# `create` writes DIR/env, a file to source: SOFTHSM2_CONF (DIR/softhsm2.conf), LAKE_TEST_PKCS11_MODULE,
# LAKE_TEST_PKCS11_TOKEN (the label) and LAKE_TEST_PKCS11_PIN_FILE (DIR/user.pin). Lake reads the same
# three through Keys__Pkcs11__Module, Keys__Pkcs11__TokenLabel and Keys__Pkcs11__PinFile.
#
# Settings (environment): LAKE_PKCS11_MODULE (the SoftHSM module, found in the usual places otherwise).
set -euo pipefail

readonly script_name="${0##*/}"

say() { printf '%s: %s\n' "$script_name" "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage()
{
    sed -n '7,9s/^#   /  /p' "$0" >&2
    exit 2
}

find_module()
{
    local candidate
    for candidate in "${LAKE_PKCS11_MODULE:-}" /usr/lib/softhsm/libsofthsm2.so \
        /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so \
        /usr/local/lib/softhsm/libsofthsm2.so; do
        if [[ -n "$candidate" && -f "$candidate" ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

install()
{
    if command -v softhsm2-util >/dev/null && find_module >/dev/null; then
        return 0
    fi
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
        die "softhsm2 is not installed; install it (Debian: apt-get install softhsm2)"
    fi
    say "installing softhsm2 with apt-get"
    apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 >&2 || die "apt-get install softhsm2 failed"
    find_module >/dev/null || die "softhsm2 is installed but its module libsofthsm2.so was not found; set LAKE_PKCS11_MODULE"
}

create()
{
    local dir="$1" label="${2:-lake-test}" module
    command -v softhsm2-util >/dev/null || die "softhsm2-util is not installed; run: $0 install"
    module="$(find_module)" || die "the SoftHSM module libsofthsm2.so was not found; set LAKE_PKCS11_MODULE"
    mkdir -p "$dir"
    chmod 700 "$dir"
    dir="$(cd "$dir" && pwd)"
    [[ -e "$dir/tokens" ]] && die "$dir already holds a token; delete it first ($0 delete $dir)"
    mkdir -m 700 "$dir/tokens"
    cat >"$dir/softhsm2.conf" <<EOF
directories.tokendir = $dir/tokens/
objectstore.backend = file
log.level = ERROR
slots.removable = false
slots.mechanisms = ALL
library.reset_on_fork = false
EOF

    # The PINs are random and only ever in files; softhsm2-util takes them as arguments, which is
    # visible to ps for the moment it runs, acceptable for a throw-away test token only.
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$dir/user.pin")
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$dir/so.pin")
    SOFTHSM2_CONF="$dir/softhsm2.conf" softhsm2-util --init-token --free --label "$label" \
        --so-pin "$(cat "$dir/so.pin")" --pin "$(cat "$dir/user.pin")" >/dev/null \
        || die "softhsm2-util could not initialize a token in $dir"

    cat >"$dir/env" <<EOF
SOFTHSM2_CONF=$dir/softhsm2.conf
LAKE_TEST_PKCS11_MODULE=$module
LAKE_TEST_PKCS11_TOKEN=$label
LAKE_TEST_PKCS11_PIN_FILE=$dir/user.pin
EOF
    chmod 600 "$dir/env"
    printf '%s\n' "$dir/env"
}

delete()
{
    local dir="$1"
    [[ -d "$dir" ]] || return 0
    [[ -f "$dir/softhsm2.conf" ]] || die "$dir is not a folder this script created (no softhsm2.conf)"
    rm -rf "$dir"
}

case "${1:-}" in
    install) install ;;
    create) [[ $# -ge 2 ]] || usage; create "$2" "${3:-}" ;;
    delete) [[ $# -eq 2 ]] || usage; delete "$2" ;;
    *) usage ;;
esac
