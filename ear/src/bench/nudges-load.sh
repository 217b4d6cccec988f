#!/usr/bin/env bash
# HTTP load benchmark for GET /hooks/nudges/next (issue 16), beside the trivial endpoint (the ceiling).
# Starts the built server on a private copy of standalone/ (fresh H2, ports + PORT_OFFSET, default 500),
# seeds 200 accounts with 5 users each through the signed usage webhook, saves two nudges for everyone,
# then runs wrk at the ceiling and at /next (each user asked in turn: the first answer serves a nudge,
# later ones are held back by the caps, every answer runs the whole decision).
# Needs: ./mvnw -DskipTests package, wrk, python3, curl. Usage: ear/src/bench/nudges-load.sh [seconds] [connections]
# Paced (about 1,000 requests/s at 10 connections): PACE_MS=10 ear/src/bench/nudges-load.sh 30 10
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ear_dir=$(cd "$here/../.." && pwd)
jboss_home=$(ls -d "$ear_dir"/target/wildfly-* | head -1)
duration=${1:-20}
connections=${2:-16}
offset=${PORT_OFFSET:-500}
http=$((8080 + offset)) mgmt=$((9990 + offset))
work=$(mktemp -d)
server_pid=
stop_server() {
  "$jboss_home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:$mgmt --command=:shutdown >/dev/null 2>&1 || true
  if [ -n "$server_pid" ]; then wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop_server EXIT

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
cp -r "$jboss_home/standalone" "$work/standalone"
rm -rf "$work"/standalone/data/* "$work"/standalone/deployments/cs-bridge.ear* "$work"/standalone/tmp/* "$work"/standalone/log/*
cp "$ear_dir/target/cs-bridge.ear" "$work/standalone/deployments/"
JAVA_OPTS="-Xms1g -Xmx1g -Djava.net.preferIPv4Stack=true" "$jboss_home/bin/standalone.sh" -c standalone-csbridge.xml \
  -Djboss.server.base.dir="$work/standalone" -Djboss.socket.binding.port-offset=$offset \
  -Dusage.webhook-secret=bench-secret -Dnudges.identity-secret=bench-nudges -Dnudges.quiet-hours=0-0 \
  -Dcsbridge.benchmark-endpoint=true -DADMIN_USER=bench -DADMIN_PASSWORD=bench-password > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 180); do curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null || { tail -50 "$work/server.log"; exit 1; }

python3 - "$work" $http <<'PY'
import hashlib, hmac, json, sys, urllib.request, datetime
work, port = sys.argv[1], sys.argv[2]
now = datetime.datetime.now(datetime.timezone.utc)
stamp = lambda days: (now - datetime.timedelta(days=days)).strftime('%Y-%m-%dT%H:%M:%SZ')
def post(body):
    data = json.dumps(body).encode()
    sig = hmac.new(b'bench-secret', data, hashlib.sha1).hexdigest()
    urllib.request.urlopen(urllib.request.Request(f'http://127.0.0.1:{port}/hooks/usage', data,
        {'Content-Type': 'application/json', 'X-Signature': sig})).read()
queries = []
for a in range(200):
    group = f'bench-{a}'
    batch = [{'type': 'group', 'messageId': f'g-{a}', 'groupId': group, 'userId': f'{group}-admin', 'timestamp': stamp(20),
              'traits': {'name': f'Bench {a}', 'plan': 'pro', 'arr': 10000 + a}}]
    for u in range(5):
        user = f'{group}-u{u}'
        for d in range(10):
            batch.append({'type': 'track', 'messageId': f't-{a}-{u}-{d}', 'userId': user, 'event': 'Report Viewed',
                          'timestamp': stamp(d * 2 + 1), 'context': {'groupId': group}, 'properties': {}})
        h = hmac.new(b'bench-nudges', user.encode(), hashlib.sha256).hexdigest()
        queries.append(f'userId={user}&groupId={group}&userHash={h}&language=en')
    post({'batch': batch})
open(f'{work}/queries.txt', 'w').write('\n'.join(queries) + '\n')
PY
auth=$(printf 'bench:bench-password' | base64)
curl -sf -X PUT -H "Authorization: Basic $auth" -H 'Content-Type: application/json' http://127.0.0.1:$http/admin/api/nudges --data-binary '{"nudges":[
 {"id":"setup","enabled":true,"messages":{"en":{"title":"Invite your team","body":"Faster together.","buttonLabel":"Invite","buttonUrl":"/team"}},"untilTimes":1,"duringAlerts":true},
 {"id":"tour","enabled":true,"messages":{"en":{"title":"Take the tour","body":"Two minutes.","buttonLabel":"Start","buttonUrl":"/tour"}},"untilTimes":1,"duringAlerts":true}]}'
echo
for _ in $(seq 1 300); do
  new=$(curl -s -H "Authorization: Basic $auth" http://127.0.0.1:$http/admin/api/pipeline | python3 -c 'import json,sys; print(json.load(sys.stdin)["inbox"].get("new",0))')
  [ "$new" = "0" ] && break; sleep 1
done
echo "seeded: 200 accounts, 1,000 users, 10,200 events; pipeline: $(curl -s -H "Authorization: Basic $auth" http://127.0.0.1:$http/admin/api/pipeline | head -c 200)"
echo "alerts fired while seeding: $(curl -s -H "Authorization: Basic $auth" 'http://127.0.0.1:'$http'/admin/api/deliveries?channel=slack&limit=1000' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')"
echo "first answer: $(curl -s "http://127.0.0.1:$http/hooks/nudges/next?$(head -1 "$work/queries.txt")")"
echo "again: $(curl -s "http://127.0.0.1:$http/hooks/nudges/next?$(head -1 "$work/queries.txt")")"
echo "warm-up"
wrk -t2 -c$connections -d5s -s "$here/nudges.lua" http://127.0.0.1:$http -- "$work/queries.txt" >/dev/null
echo "== ceiling: POST /hooks/benchmark/ceiling =="
wrk -t2 -c$connections -d${duration}s --latency -s "$here/ceiling.lua" http://127.0.0.1:$http/hooks/benchmark/ceiling
echo "== GET /hooks/nudges/next (verify the hash, the user's moment, the decision) =="
wrk -t2 -c$connections -d${duration}s --latency -s "$here/nudges.lua" http://127.0.0.1:$http -- "$work/queries.txt"
echo "== answers =="
curl -s -H "Authorization: Basic $auth" http://127.0.0.1:$http/admin/api/nudges/results; echo
