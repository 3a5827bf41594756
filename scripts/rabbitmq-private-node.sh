#!/usr/bin/env bash
# A private RabbitMQ node for the tests: its own node name, ports, epmd, cookie,
# data and logs, all inside one folder, bound to 127.0.0.1 only. It never touches
# a system-wide rabbitmq-server, and two test runs on one machine don't meet.
#
#   scripts/rabbitmq-private-node.sh install       installs rabbitmq-server (apt) when missing
#   scripts/rabbitmq-private-node.sh start DIR     starts (or reuses) the node; prints its AMQP URI
#   scripts/rabbitmq-private-node.sh stop DIR      stops the node and its epmd; keeps DIR
#   scripts/rabbitmq-private-node.sh restart DIR   stop, then start: same ports, same data
#   scripts/rabbitmq-private-node.sh status DIR    exit 0 when the node answers
#   scripts/rabbitmq-private-node.sh ctl DIR ARGS  rabbitmqctl against the node (list_queues, ...)
#   scripts/rabbitmq-private-node.sh vhost DIR NAME  adds a virtual host, with Lake's roles granted on it
#
# `start` writes DIR/env, a file to source: LAKE_TEST_RABBITMQ (the AMQP URI,
# without user), LAKE_TEST_RABBITMQ_SECRETS, LAKE_TEST_RABBITMQ_DIR, the node
# name and the ports. Ports and node name are chosen on the first start and kept
# in DIR/env, so a later stop + start is a broker restart that clients can
# reconnect to, with durable queues intact.
#
# Users: Lake's roles (deploy/rabbitmq/roles: lake-coordinator, lake-worker,
# lake-ingest) with the permissions production gives them, and lake-admin for
# the tests' own checks (reading error queues, declaring probe queues). Each has
# a random password in DIR/secrets/<user> (mode 0600). The default `guest` user
# is deleted: no process of Lake's may get by with it.
#
# Settings (environment): LAKE_RABBITMQ_BOOT_TIMEOUT (seconds, default 180),
# LAKE_RABBITMQ_SBIN (folder holding rabbitmq-server and rabbitmqctl).
set -euo pipefail

readonly script_name="${0##*/}"
readonly boot_timeout="${LAKE_RABBITMQ_BOOT_TIMEOUT:-180}"
readonly stop_timeout=60
readonly roles_file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/rabbitmq/roles"
readonly admin_user=lake-admin

say() { printf '%s: %s\n' "$script_name" "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage()
{
    sed -n '6,12s/^#   /  /p' "$0" >&2
    exit 2
}

# ---------------------------------------------------------------------------
# Installation

# Debian's /usr/sbin wrappers cd to /var/lib/rabbitmq and su to rabbitmq,
# dropping our environment, so the real scripts behind them are used instead.
find_sbin()
{
    local candidate
    for candidate in "${LAKE_RABBITMQ_SBIN:-}" /usr/lib/rabbitmq/bin; do
        if [[ -n "$candidate" && -x "$candidate/rabbitmq-server" && -x "$candidate/rabbitmqctl" ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    # A generic-unix or Homebrew install has the real scripts on PATH.
    candidate="$(command -v rabbitmq-server 2>/dev/null || true)"
    if [[ -n "$candidate" && -x "${candidate%/*}/rabbitmqctl" ]]; then
        printf '%s\n' "${candidate%/*}"
        return 0
    fi
    return 1
}

install_rabbitmq()
{
    if find_sbin >/dev/null && command -v epmd >/dev/null; then
        return 0
    fi
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
        die "rabbitmq-server is not installed; install it (Debian: apt-get install rabbitmq-server) or set LAKE_RABBITMQ_SBIN"
    fi
    say "installing rabbitmq-server with apt-get"
    # Debian's package would start the system-wide service where it can; that
    # node is not used, and the private one avoids its ports.
    apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >&2 \
        || die "apt-get install rabbitmq-server failed"
    find_sbin >/dev/null || die "rabbitmq-server was installed but its scripts were not found"
    command -v epmd >/dev/null || die "epmd (erlang-base) is missing after installing rabbitmq-server"
}

# ---------------------------------------------------------------------------
# Node folder layout and state

dir=""
node_user=""
node_name=""
amqp_port=""
dist_port=""
epmd_port=""

set_dir()
{
    [[ -n "${1:-}" ]] || usage
    mkdir -p "$1"
    dir="$(cd "$1" && pwd)"
    # The node's scripts split some paths on spaces.
    [[ "$dir" != *[[:space:]]* ]] || die "DIR must not contain whitespace: $dir"

    # Debian's scripts run the broker as the rabbitmq user; do the same when
    # root, and otherwise run it as whoever calls (a developer's laptop).
    if [[ "$(id -u)" == 0 ]] && id -u rabbitmq >/dev/null 2>&1; then
        node_user=rabbitmq
    fi
}

load_env()
{
    [[ -f "$dir/env" ]] || return 1
    # shellcheck disable=SC1091
    source "$dir/env"
    node_name="$LAKE_TEST_RABBITMQ_NODENAME"
    amqp_port="$LAKE_TEST_RABBITMQ_AMQP_PORT"
    dist_port="$LAKE_TEST_RABBITMQ_DIST_PORT"
    epmd_port="$LAKE_TEST_RABBITMQ_EPMD_PORT"
}

amqp_uri() { printf 'amqp://127.0.0.1:%s/\n' "$amqp_port"; }

# Local TCP ports in use, from /proc so that no extra tool is needed: all of
# them, or with `listening` only those listening. A restarted node may bind a
# port that still has TIME_WAIT connections (the node sets SO_REUSEADDR).
used_ports()
{
    local file local_address state
    for file in /proc/net/tcp /proc/net/tcp6; do
        [[ -r "$file" ]] || continue
        while read -r _ local_address _ state _; do
            [[ "$local_address" == *:* ]] || continue
            [[ "${1:-}" != listening || "$state" == 0A ]] || continue
            printf '%d\n' "$((16#${local_address##*:}))"
        done <"$file"
    done
}

# Not `used_ports | grep -q`: grep quitting early would break the pipe, and
# with pipefail a found port would read as a free one.
port_listening()
{
    [[ $'\n'"$(used_ports listening)"$'\n' == *$'\n'"$1"$'\n'* ]]
}

# Below the kernel's ephemeral range (32768+), so outgoing connections don't
# take them; away from RabbitMQ's and epmd's defaults (5672, 25672, 4369).
pick_ports()
{
    local used picked=() candidate
    used="$(used_ports | sort -u)"
    while ((${#picked[@]} < 3)); do
        candidate=$((20000 + RANDOM % 10000))
        [[ "$candidate" != 25672 ]] || continue
        if [[ $'\n'"$used"$'\n' == *$'\n'"$candidate"$'\n'* ]]; then continue; fi
        if [[ " ${picked[*]-} " == *" $candidate "* ]]; then continue; fi
        picked+=("$candidate")
    done
    amqp_port="${picked[0]}"
    dist_port="${picked[1]}"
    epmd_port="${picked[2]}"
}

write_files()
{
    mkdir -p "$dir/data" "$dir/log" "$dir/home" "$dir/conf.d"

    cat >"$dir/rabbitmq.conf" <<EOF
# Private test node; written by $script_name.
listeners.tcp.default = 127.0.0.1:$amqp_port
# Test data is kilobytes; a nearly full /tmp must not block publishers.
disk_free_limit.absolute = 10MB
log.console = false
log.file.level = info
EOF
    # No plugins (no management UI): faster boot, no extra ports.
    printf '[].\n' >"$dir/enabled_plugins"
    # Hides /etc/rabbitmq/rabbitmq-env.conf, which would otherwise be sourced.
    : >"$dir/rabbitmq-env.conf"

    if [[ ! -s "$dir/home/.erlang.cookie" ]]; then
        # Erlang refuses a cookie readable by others.
        (umask 077 && head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F >"$dir/home/.erlang.cookie")
        chmod 400 "$dir/home/.erlang.cookie"
    fi

    cat >"$dir/env" <<EOF
# Private RabbitMQ node, written by $script_name; source this file.
export LAKE_TEST_RABBITMQ='amqp://127.0.0.1:$amqp_port/'
export LAKE_TEST_RABBITMQ_SECRETS='$dir/secrets'
export LAKE_TEST_RABBITMQ_DIR='$dir'
export LAKE_TEST_RABBITMQ_NODENAME='$node_name'
export LAKE_TEST_RABBITMQ_AMQP_PORT=$amqp_port
export LAKE_TEST_RABBITMQ_DIST_PORT=$dist_port
export LAKE_TEST_RABBITMQ_EPMD_PORT=$epmd_port
EOF
}

fix_ownership()
{
    [[ -n "$node_user" ]] || return 0
    chown -R "$node_user:" "$dir/data" "$dir/log" "$dir/home"
    # mktemp -d makes 0700 folders, which the node user could not enter.
    chmod 755 "$dir"
    if ! runuser -u "$node_user" -- test -w "$dir/data" -a -w "$dir/log" -a -r "$dir/rabbitmq.conf"; then
        die "user $node_user cannot reach $dir (a parent folder is closed to it); use a folder under /tmp"
    fi
}

# ---------------------------------------------------------------------------
# Running node commands with the node's environment

node_env()
{
    local sbin
    sbin="$(find_sbin)" || die "rabbitmq-server is not installed; run: $0 install"
    printf '%s\0' \
        "HOME=$dir/home" \
        "PATH=$sbin:$PATH" \
        "RABBITMQ_NODENAME=$node_name" \
        "RABBITMQ_DIST_PORT=$dist_port" \
        "RABBITMQ_MNESIA_BASE=$dir/data" \
        "RABBITMQ_LOG_BASE=$dir/log" \
        "RABBITMQ_PID_FILE=$dir/data/node.pid" \
        "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf" \
        "RABBITMQ_CONFIG_FILES=$dir/conf.d" \
        "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config" \
        "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins" \
        "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf" \
        "ERL_CRASH_DUMP=$dir/log/erl_crash.dump" \
        "ERL_EPMD_PORT=$epmd_port" \
        "ERL_EPMD_ADDRESS=127.0.0.1" \
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}" \
        "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
}

# Runs a command as the node user, in DIR, with the node's environment.
as_node()
{
    local env_args=()
    mapfile -d '' env_args < <(node_env)
    if [[ -n "$node_user" ]]; then
        (cd "$dir" && runuser -u "$node_user" -- env "${env_args[@]}" "$@")
    else
        (cd "$dir" && env "${env_args[@]}" "$@")
    fi
}

ctl()
{
    as_node rabbitmqctl -n "$node_name" "$@"
}

# A zombie counts as gone: in a container, pid 1 may be slow to reap it.
pid_alive()
{
    [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null \
        && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

read_pid()
{
    [[ -s "$1" ]] && tr -dc 0-9 <"$1" || true
}

# The Erlang VM of this node, if running: checked by its environment, so a
# recycled pid never gets a signal meant for the broker.
node_os_pid()
{
    local pid
    pid="$(read_pid "$dir/data/node.pid")"
    if pid_alive "$pid" && grep -qxF -- "RABBITMQ_NODENAME=$node_name" < <(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null); then
        printf '%s\n' "$pid"
    fi
}

epmd_pid()
{
    local pid
    pid="$(read_pid "$dir/epmd.pid")"
    if pid_alive "$pid" && grep -qF -- "-port $epmd_port " < <(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null); then
        printf '%s\n' "$pid"
    fi
}

node_answers()
{
    ctl -q -t 10 ping >/dev/null 2>&1
}

log_hint()
{
    local log="$dir/log/$node_name.log"
    say "node log: $log"
    say "startup output: $dir/log/startup.log"
    if [[ -s "$dir/log/startup.log" ]]; then
        say "last lines of startup output:"
        tail -n 20 "$dir/log/startup.log" >&2 || true
    fi
    if [[ -s "$log" ]]; then
        say "last lines of the node log:"
        tail -n 20 "$log" >&2 || true
    fi
}

# ---------------------------------------------------------------------------
# Users and permissions

# "user regex" for each of Lake's roles.
role_lines()
{
    [[ -r "$roles_file" ]] || die "$roles_file not found"
    grep -Ev '^[[:space:]]*(#|$)' "$roles_file"
}

# Sets the permissions of the admin and of every role on virtual host $1.
grant_vhost()
{
    local user regex
    ctl -q set_permissions -p "$1" "$admin_user" '.*' '.*' '.*' >/dev/null
    while read -r user regex; do
        # rabbitmqctl reads stdin; without </dev/null it would eat the remaining roles.
        ctl -q set_permissions -p "$1" "$user" "$regex" "$regex" "$regex" </dev/null >/dev/null
    done < <(role_lines)
}

# Creates the users once, each with a random password in DIR/secrets; later starts
# find them in the node's data. Passwords go to rabbitmqctl on stdin, never as an
# argument that another process could read.
ensure_users()
{
    local secrets="$dir/secrets" user _ users existing
    (umask 077 && mkdir -p "$secrets")
    chmod 700 "$secrets"
    users=("$admin_user")
    while read -r user _; do users+=("$user"); done < <(role_lines)
    existing="$(ctl -q list_users | cut -f1)"
    for user in "${users[@]}"; do
        if [[ ! -s "$secrets/$user" ]]; then
            (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$secrets/$user")
        fi
        chmod 600 "$secrets/$user"
        if [[ $'\n'"$existing"$'\n' == *$'\n'"$user"$'\n'* ]]; then
            ctl -q change_password "$user" <"$secrets/$user" >/dev/null
        else
            ctl -q add_user "$user" <"$secrets/$user" >/dev/null
        fi
    done
    ctl -q set_user_tags "$admin_user" administrator >/dev/null
    grant_vhost /
    if [[ $'\n'"$existing"$'\n' == *$'\n'guest$'\n'* ]]; then
        ctl -q delete_user guest >/dev/null
    fi
}

# ---------------------------------------------------------------------------
# Commands

# Waits up to $2 tenths of a second for process $1 to exit; fails if it didn't.
wait_gone()
{
    local i
    for ((i = 0; i < $2; i++)); do
        pid_alive "$1" || return 0
        sleep 0.1
    done
    ! pid_alive "$1"
}

start_epmd()
{
    [[ -z "$(epmd_pid)" ]] || return 0
    if port_listening "$epmd_port"; then
        die "epmd port $epmd_port is taken by another process; remove $dir to pick new ports"
    fi
    local epmd_bin
    epmd_bin="$(command -v epmd)" || die "epmd (Erlang) is not installed"
    # Our own epmd on our own port, in the foreground under a known pid: `stop`
    # ends exactly this process, and parallel runs never share one. fd 9 (the
    # lock) is closed so that a long-lived child does not hold it.
    "$epmd_bin" -port "$epmd_port" -address 127.0.0.1 </dev/null >>"$dir/log/epmd.log" 2>&1 9>&- &
    local pid=$!
    printf '%s\n' "$pid" >"$dir/epmd.pid"
    local i
    for ((i = 0; i < 50; i++)); do
        port_listening "$epmd_port" && return 0
        pid_alive "$pid" || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/epmd.pid"
    cat "$dir/log/epmd.log" >&2 || true
    die "epmd did not start on port $epmd_port (log: $dir/log/epmd.log)"
}

cmd_start()
{
    set_dir "${1:-}"
    exec 9>"$dir/.lock"
    flock -w "$((boot_timeout + stop_timeout))" 9 || die "another start/stop holds $dir/.lock"

    install_rabbitmq

    if load_env; then
        if [[ -n "$(node_os_pid)" ]] && node_answers; then
            say "node $node_name already running"
            amqp_uri
            return 0
        fi
    else
        node_name="lake-test-$$@localhost"
        pick_ports
    fi
    write_files
    fix_ownership

    if [[ -n "$(node_os_pid)" ]]; then
        # Alive but not answering: a stuck earlier boot. Start over.
        say "node $node_name is running but does not answer; stopping it first"
        stop_node
    fi
    port_listening "$amqp_port" && die "AMQP port $amqp_port is taken by another process; remove $dir to pick new ports"
    port_listening "$dist_port" && die "distribution port $dist_port is taken by another process; remove $dir to pick new ports"

    start_epmd
    rm -f "$dir/data/node.pid"
    say "starting $node_name (AMQP 127.0.0.1:$amqp_port, dist $dist_port, epmd $epmd_port) in $dir"
    local started=$SECONDS
    # In the background a non-interactive shell ignores Ctrl-C for the node: the
    # caller's trap stops it cleanly instead. Output goes to a file, so a caller
    # reading our stdout through $(...) is not kept waiting by the node.
    as_node rabbitmq-server </dev/null >>"$dir/log/startup.log" 2>&1 9>&- &
    local launcher=$!
    printf '%s\n' "$launcher" >"$dir/launcher.pid"

    local deadline=$((SECONDS + boot_timeout))
    while :; do
        if [[ -n "$(node_os_pid)" ]] && ctl -q -t 10 await_startup >/dev/null 2>&1; then
            break
        fi
        if ! pid_alive "$launcher"; then
            log_hint
            stop_epmd
            die "node $node_name exited during boot"
        fi
        if ((SECONDS >= deadline)); then
            log_hint
            stop_node
            die "node $node_name did not finish booting within ${boot_timeout}s"
        fi
        sleep 1
    done
    ensure_users || { stop_node; stop_epmd; die "could not create the broker users"; }
    say "node $node_name up after $((SECONDS - started))s; log: $dir/log/$node_name.log"
    amqp_uri
}

stop_epmd()
{
    local pid
    pid="$(epmd_pid)"
    if [[ -n "$pid" ]]; then
        kill -TERM "$pid" 2>/dev/null || true
        wait_gone "$pid" 50 || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/epmd.pid"
}

stop_node()
{
    local pid
    pid="$(node_os_pid)"
    if [[ -n "$pid" ]]; then
        # `stop PIDFILE` returns once the VM has exited, not merely once asked to.
        if ! ctl -q -t "$stop_timeout" stop "$dir/data/node.pid" >/dev/null 2>&1; then
            say "rabbitmqctl stop failed; sending SIGTERM to $pid"
            kill -TERM "$pid" 2>/dev/null || true
        fi
        if ! wait_gone "$pid" 150; then
            say "node $node_name did not exit; killing $pid"
            kill -KILL "$pid" 2>/dev/null || true
            wait_gone "$pid" 50 || true
        fi
    fi
    # The launcher (runuser and the server's shell script) exits with the VM.
    local launcher
    launcher="$(read_pid "$dir/launcher.pid")"
    if [[ -n "$launcher" ]] && ! wait_gone "$launcher" 50; then
        kill -TERM "$launcher" 2>/dev/null || true
    fi
    rm -f "$dir/launcher.pid"
}

cmd_stop()
{
    set_dir "${1:-}"
    if ! load_env; then
        say "no node in $dir; nothing to stop"
        return 0
    fi
    exec 9>"$dir/.lock"
    flock -w "$((boot_timeout + stop_timeout))" 9 || die "another start/stop holds $dir/.lock"
    stop_node
    stop_epmd
    say "node $node_name stopped"
}

cmd_status()
{
    set_dir "${1:-}"
    load_env || die "no node in $dir"
    if [[ -n "$(node_os_pid)" ]] && node_answers; then
        say "node $node_name running at $(amqp_uri)"
        return 0
    fi
    say "node $node_name is not running"
    return 1
}

cmd_vhost()
{
    set_dir "${1:-}"
    [[ -n "${2:-}" ]] || usage
    load_env || die "no node in $dir"
    ctl -q add_vhost "$2" >/dev/null
    grant_vhost "$2"
}

cmd_ctl()
{
    set_dir "${1:-}"
    shift
    load_env || die "no node in $dir"
    ctl "$@"
}

case "${1:-}" in
    install) install_rabbitmq ;;
    start) cmd_start "${2:-}" ;;
    stop) cmd_stop "${2:-}" ;;
    restart) (cmd_stop "${2:-}") && cmd_start "${2:-}" ;;
    status) cmd_status "${2:-}" ;;
    ctl) shift; cmd_ctl "$@" ;;
    vhost) cmd_vhost "${2:-}" "${3:-}" ;;
    *) usage ;;
esac
