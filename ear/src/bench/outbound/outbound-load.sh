#!/usr/bin/env bash
# Outbound benchmark: starts the configured server from ear/target (fresh H2 database, or PostgreSQL when
# DB_URL is set) with every connector LIVE against the WireMock fakes OutboundBench.java runs on
# 127.0.0.1:18181-18183, then runs it: N new accounts through POST /hooks/usage, vendor calls counted,
# time from event to the Salesforce PATCH and the Zendesk update_many per account, then the same traits
# again (unchanged values: no calls expected), then N other new accounts on the warm server.
# Needs: ./mvnw -DskipTests package (with DB_URL set for PostgreSQL: it configures standalone-csbridge-postgresql.xml; and wiremock-standalone in ~/.m2). Usage: ear/src/bench/outbound/outbound-load.sh [accounts]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ear_dir=$(cd "$here/../../.." && pwd)
jboss_home=$(ls -d "$ear_dir"/target/wildfly-* | head -1)
accounts=${1:-1000}
secret=bench-secret
wiremock=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar | grep -v sources | tail -1)
work=$(mktemp -d)
server_pid=
stop_server() {
  "$jboss_home/bin/jboss-cli.sh" --connect --command=:shutdown >/dev/null 2>&1 || true
  if [ -n "$server_pid" ]; then
    for child in $(pgrep -P "$server_pid" || true); do kill "$child" 2>/dev/null || true; done
    kill "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "database: ${DB_URL:-embedded H2 file}"
rm -rf "$jboss_home/standalone/data/csbridge-bench-out" "$jboss_home"/standalone/deployments/cs-bridge.ear*
cp "$ear_dir/target/cs-bridge.ear" "$jboss_home/standalone/deployments/"
JAVA_OPTS="-Xms1g -Xmx1g -Djava.net.preferIPv4Stack=true" "$jboss_home/bin/standalone.sh" -c "standalone-csbridge${DB_URL:+-postgresql}.xml" \
  -Dusage.webhook-secret=$secret -Dcsbridge.h2.dir="$jboss_home/standalone/data/csbridge-bench-out" \
  -DADMIN_USER=bench -DADMIN_PASSWORD=bench-password \
  -Dsalesforce.login-url=http://127.0.0.1:18181 -Dsalesforce.client-id=bench -Dsalesforce.client-secret=bench-secret \
  -Dzendesk.url=http://127.0.0.1:18182 -Dzendesk.email=bench@example.com -Dzendesk.api-token=bench-token \
  -Dzendesk.requests-per-minute=200 \
  -Dslack.api-url=http://127.0.0.1:18183/api/ -Dslack.bot-token=xoxb-bench -Dslack.alert-channel=C0BENCH \
  > "$work/server.log" 2>&1 &
server_pid=$!
java -Xmx512m -cp "$wiremock" "$here/OutboundBench.java" "$accounts" "$secret"
