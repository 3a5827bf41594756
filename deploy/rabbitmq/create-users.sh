#!/usr/bin/env bash
# Creates Lake's broker users on a running node and grants each its permissions on virtual host
# "lake" (from deploy/rabbitmq/roles beside this script), plus the administrator "lake-admin" for
# the management UI. Passwords are read from files, never from arguments or the repository:
#
#   create-users.sh SECRETS_DIR    SECRETS_DIR holds rabbitmq-admin, rabbitmq-coordinator,
#                                  rabbitmq-worker and rabbitmq-ingest (one password each)
#
# Run where rabbitmqctl reaches the node (inside the broker's container: docker-compose.yml does).
# Idempotent: a user that exists gets its password set again. The default user guest is deleted.
set -euo pipefail

secrets="${1:?usage: create-users.sh SECRETS_DIR}"
roles="$(dirname "${BASH_SOURCE[0]}")/roles"
vhost=lake

password_file()
{
    local file="$secrets/rabbitmq-${1#lake-}"
    [[ -s "$file" ]] || { echo "create-users.sh: no password file $file" >&2; exit 1; }
    printf '%s\n' "$file"
}

# rabbitmqctl reads a password from stdin when none is given: it never shows in a process list.
set_user()
{
    local file
    file="$(password_file "$1")"
    if rabbitmqctl -q list_users | cut -f1 | grep -qxF -- "$1"; then
        head -n1 "$file" | rabbitmqctl -q change_password "$1" >/dev/null
    else
        head -n1 "$file" | rabbitmqctl -q add_user "$1" >/dev/null
    fi
}

rabbitmqctl -q add_vhost "$vhost" >/dev/null 2>&1 || true
set_user lake-admin
rabbitmqctl -q set_user_tags lake-admin administrator </dev/null >/dev/null
rabbitmqctl -q set_permissions -p "$vhost" lake-admin '.*' '.*' '.*' </dev/null >/dev/null
while read -r user regex; do
    set_user "$user" </dev/null
    rabbitmqctl -q set_permissions -p "$vhost" "$user" "$regex" "$regex" "$regex" </dev/null >/dev/null
done < <(grep -Ev '^[[:space:]]*(#|$)' "$roles")
if rabbitmqctl -q list_users | cut -f1 | grep -qxF guest; then
    rabbitmqctl -q delete_user guest </dev/null >/dev/null
fi
echo "create-users.sh: users of $(grep -Ev '^[[:space:]]*(#|$)' "$roles" | cut -d' ' -f1 | tr '\n' ' ')and lake-admin are set on vhost $vhost" >&2
