#!/usr/bin/env bash
# Starts the configured WildFly in the foreground with CS Bridge deployed (the README's run command).
# Usage: run.sh JBOSS_HOME EAR SERVER_CONFIG
set -euo pipefail
jboss_home=$1 ear=$2 config=$3
rm -f "$jboss_home"/standalone/deployments/cs-bridge.ear.*
cp "$ear" "$jboss_home/standalone/deployments/cs-bridge.ear"
echo "CS Bridge: http://127.0.0.1:8080/admin  webhooks: http://127.0.0.1:8080/hooks  health: http://127.0.0.1:9990/health/ready"
exec "$jboss_home/bin/standalone.sh" -c "$config" "${@:4}"
