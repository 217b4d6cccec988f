#!/usr/bin/env bash
# Backfill benchmark (issue 11): starts the built server on a private copy of standalone/ (fresh H2, or
# PostgreSQL with DB_URL; ports + PORT_OFFSET, default 500) with both connectors LIVE against the WireMock fakes
# BackfillBench.java runs on 127.0.0.1:$SF_PORT/$ZD_PORT (default 18191/18192: not LiveVendorsIT's 18181-18183),
# then backfills ACCOUNTS Salesforce Accounts (Bulk API 2.0) + closed Opportunities (REST) and TICKETS Zendesk
# tickets (cursor export) with organizations, and reports the time and every vendor call, reads and writes.
# Needs: ./mvnw -DskipTests package and wiremock-standalone in ~/.m2.
# Usage: ear/src/bench/backfill/backfill-load.sh [accounts] [tickets]   (default 10000 100000: about 11 minutes,
# Zendesk's 10 export requests a minute set the pace)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ear_dir=$(cd "$here/../../.." && pwd)
jboss_home=${JBOSS_HOME:-$(ls -d "$ear_dir"/target/wildfly-* | head -1)}
accounts=${1:-10000}
tickets=${2:-100000}
offset=${PORT_OFFSET:-500}
sf_port=${SF_PORT:-18191} zd_port=${ZD_PORT:-18192}
http=$((8080 + offset)) mgmt=$((9990 + offset))
wiremock=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar | grep -v sources | tail -1)
work=$(mktemp -d)
server_pid=
stop_server() {
  "$jboss_home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:$mgmt --command=:shutdown >/dev/null 2>&1 || true
  if [ -n "$server_pid" ]; then wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop_server EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "database: ${DB_URL:-embedded H2 file}"
config="standalone-csbridge${DB_URL:+-postgresql}.xml"
mkdir -p "$work/standalone/deployments"
cp -r "$jboss_home/standalone/configuration" "$work/standalone/configuration"
# a configuration the test suites used may still name their deployment
perl -0pi -e 's/<deployments>.*?<\/deployments>//s' "$work/standalone/configuration/$config"
# WildFly writes absolute paths into logging.properties: this server's boot log goes to its own copy
sed -i "s|$jboss_home/standalone|$work/standalone|g" "$work/standalone/configuration/logging.properties"
mkdir -p "$work/standalone/log"
cp "$ear_dir/target/cs-bridge.ear" "$work/standalone/deployments/"

# the fakes first: the server's connectors mint a token at boot
java -Xmx1g -cp "$wiremock" "$here/BackfillBench.java" "$accounts" "$tickets" "$sf_port" "$zd_port" "$http" > "$work/bench.log" 2>&1 &
bench_pid=$!
for _ in $(seq 1 120); do grep -q "fakes ready" "$work/bench.log" && break; sleep 1; done

JAVA_OPTS="-Xms1g -Xmx1g -Djava.net.preferIPv4Stack=true" "$jboss_home/bin/standalone.sh" -c "$config" \
  -Djboss.server.base.dir="$work/standalone" -Djboss.socket.binding.port-offset=$offset \
  -Dcsbridge.h2.dir="$work/standalone/data/csbridge-bench-backfill" \
  -DADMIN_USER=bench -DADMIN_PASSWORD=bench-password -Dusage.webhook-secret=bench-secret \
  -Dsalesforce.login-url=http://127.0.0.1:$sf_port -Dsalesforce.client-id=bench -Dsalesforce.client-secret=bench-secret \
  -Dsalesforce.bulk-poll-seconds=1 \
  -Dzendesk.url=http://127.0.0.1:$zd_port -Dzendesk.email=bench@example.com -Dzendesk.api-token=bench-token \
  > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 180); do curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null || { tail -50 "$work/server.log"; exit 1; }
# BackfillBench waits for the admin API itself, then runs the backfills and prints the report
wait "$bench_pid" || { cat "$work/bench.log"; exit 1; }
cat "$work/bench.log"
