#!/usr/bin/env bash
# Starts the configured WildFly in the foreground with CS Bridge deployed (the README's run command).
# Usage: run.sh JBOSS_HOME EAR SERVER_CONFIG
set -euo pipefail
jboss_home=$1 ear=$2 config=$3
rm -f "$jboss_home"/standalone/deployments/cs-bridge.ear.*
cp "$ear" "$jboss_home/standalone/deployments/cs-bridge.ear"
offset=0
for arg in "${@:4}"; do
  case $arg in -Djboss.socket.binding.port-offset=*) offset=${arg#*=} ;; esac
done
http=$((8080 + offset)) mgmt=$((9990 + offset))
echo "CS Bridge: http://127.0.0.1:$http/admin  webhooks: http://127.0.0.1:$http/hooks  health: http://127.0.0.1:$mgmt/health/ready"
exec "$jboss_home/bin/standalone.sh" -c "$config" "${@:4}"
