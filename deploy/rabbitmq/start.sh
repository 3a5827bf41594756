#!/usr/bin/env bash
# The broker container's command in docker-compose.yml: RabbitMQ, then Lake's users from the
# Compose secrets in /run/secrets (create-users.sh), then waits on the broker.
set -euo pipefail
rabbitmq-server &
server=$!
trap 'kill -TERM "$server"; wait "$server"' TERM INT
rabbitmqctl -q await_startup
/etc/rabbitmq/lake/create-users.sh /run/secrets
wait "$server"
