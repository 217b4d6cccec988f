#!/usr/bin/env bash
# HTTP load benchmark for POST /hooks/usage, side by side with a trivial JAX-RS endpoint on the same
# server (the ceiling). Starts the configured server from ear/target with a fresh H2 database (or
# PostgreSQL when DB_URL is set), runs wrk against both, checks every acknowledged event was stored.
# Needs: ./mvnw -DskipTests package (run with DB_URL set for PostgreSQL: it configures standalone-csbridge-postgresql.xml), wrk and python3. Usage: ear/src/bench/http-load.sh [seconds] [connections]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ear_dir=$(cd "$here/../.." && pwd)
jboss_home=$(ls -d "$ear_dir"/target/wildfly-* | head -1)
duration=${1:-30}
connections=${2:-64}
threads=2
secret=bench-secret
offset=${PORT_OFFSET:-500}
http=$((8080 + offset)) mgmt=$((9990 + offset))
work=$(mktemp -d)
stop_server() {
  "$jboss_home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:$mgmt --command=:shutdown >/dev/null 2>&1 || true
  pkill -f "jboss.server.base.dir=$work/standalone" 2>/dev/null || true   # standalone.sh does not take the JVM with it
  rm -rf "$work"
}
trap stop_server EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
# A private copy of the server's standalone/ directory and shifted ports: the benchmark never touches
# the test servers' data, deployments or ports.
cp -r "$jboss_home/standalone" "$work/standalone"
rm -rf "$work"/standalone/data/* "$work"/standalone/deployments/cs-bridge.ear* "$work"/standalone/tmp/* "$work"/standalone/log/*
cp "$ear_dir/target/cs-bridge.ear" "$work/standalone/deployments/"
JAVA_OPTS="-Xms1g -Xmx1g -Djava.net.preferIPv4Stack=true" "$jboss_home/bin/standalone.sh" -c "standalone-csbridge${DB_URL:+-postgresql}.xml" \
  -Djboss.server.base.dir="$work/standalone" -Djboss.socket.binding.port-offset=$offset \
  -Dusage.webhook-secret=$secret -Dusage.write-key=bench-write-key -Dcsbridge.benchmark-endpoint=true \
  -DADMIN_USER=bench -DADMIN_PASSWORD=bench-password > "$work/server.log" 2>&1 &
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null || { tail -50 "$work/server.log"; exit 1; }

python3 "$here/make_requests.py" $secret $((duration * 12000)) 1000 "$work/requests.tsv"
python3 "$here/make_requests.py" $secret $((duration * 12000)) 1000 "$work/tracking.tsv" bench-write-key
echo "warm-up"
wrk -t$threads -c$connections -d10s -s "$here/usage.lua" http://127.0.0.1:$http/hooks/benchmark/ceiling -- "$work/requests.tsv" $threads >/dev/null
echo "== ceiling: POST /hooks/benchmark/ceiling (reads the body, answers 200) =="
wrk -t$threads -c$connections -d${duration}s --latency -s "$here/usage.lua" http://127.0.0.1:$http/hooks/benchmark/ceiling -- "$work/requests.tsv" $threads | tee "$work/ceiling.txt"
echo "== POST /hooks/usage (verify, translate, commit to the inbox, then answer) =="
wrk -t$threads -c$connections -d${duration}s --latency -s "$here/usage.lua" http://127.0.0.1:$http/hooks/usage -- "$work/requests.tsv" $threads | tee "$work/usage.txt"
echo "== POST /hooks/usage/v1/batch (Segment Tracking API: write key, one message a batch, commit, answer) =="
wrk -t$threads -c$connections -d${duration}s --latency -s "$here/usage.lua" http://127.0.0.1:$http/hooks/usage/v1/batch -- "$work/tracking.tsv" $threads Authorization | tee "$work/tracking.txt"

sleep 2
echo "== stored =="
curl -s -u bench:bench-password http://127.0.0.1:$http/admin/api/pipeline; echo
