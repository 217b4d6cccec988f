#!/usr/bin/env bash
# Admin reads at size (issue 12 item 5): the accounts list, the KPIs and the KPI trend against a running
# server on a generated PostgreSQL portfolio. Not a timed test: it prints the figures for docs/BENCHMARKS.md.
#   DB_URL=jdbc:postgresql://127.0.0.1:5432/csbridge_bench DB_USER=csbridge DB_PASSWORD=csbridge \
#     ear/src/bench/admin-reads/admin-reads.sh [--generate ACCOUNTS PER_ACCOUNT] [--no-kpis] [--overview LOADS] [requests]
# --overview LOADS: at the end, the Overview page in headless Chromium (../overview/OverviewTiming.java), LOADS times.
# Needs: DB_URL=... ./mvnw -DskipTests package (writes standalone-csbridge-postgresql.xml), psql, curl, python3.
# Starts the built server on a private copy of standalone/ (ports + PORT_OFFSET, default 200); with --generate it
# first lets the server migrate the (dedicated!) database, then fills it with generate.sql.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ear_dir=$(cd "$here/../../.." && pwd)
jboss_home=$(ls -d "$ear_dir"/target/wildfly-* | head -1)
: "${DB_URL:?set DB_URL to a dedicated PostgreSQL database}"
generate=""; accounts=100000; per=100
if [[ "${1:-}" == "--generate" ]]; then generate=1; accounts=$2; per=$3; shift 3; fi
skip_kpis=""; if [[ "${1:-}" == "--no-kpis" ]]; then skip_kpis=1; shift; fi
overview=""; if [[ "${1:-}" == "--overview" ]]; then overview=$2; shift 2; fi
requests=${1:-200}
offset=${PORT_OFFSET:-200}
http=$((8080 + offset)) mgmt=$((9990 + offset))
base=http://127.0.0.1:$http/admin/api
auth=(-u bench:bench-password-1)
pg="postgresql://${DB_USER:-csbridge}:${DB_PASSWORD:-csbridge}@${DB_URL#jdbc:postgresql://}"
work=$(mktemp -d)
stop_server() {
  "$jboss_home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:$mgmt --command=:shutdown >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_server EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database: $(psql "$pg" -Atc 'SELECT version()' | cut -d, -f1)"
cp -r "$jboss_home/standalone" "$work/standalone"
rm -rf "$work"/standalone/data/* "$work"/standalone/deployments/cs-bridge.ear* "$work"/standalone/tmp/* "$work"/standalone/log/*
cp "$ear_dir/target/cs-bridge.ear" "$work/standalone/deployments/"
JAVA_OPTS="-Xms1g -Xmx1g -Djava.net.preferIPv4Stack=true" "$jboss_home/bin/standalone.sh" -c standalone-csbridge-postgresql.xml \
  -Djboss.server.base.dir="$work/standalone" -Djboss.socket.binding.port-offset=$offset \
  -DADMIN_USER=bench -DADMIN_PASSWORD=bench-password-1 > "$work/server.log" 2>&1 &
ready() { for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$mgmt/health/ready >/dev/null && return 0; sleep 1; done
          tail -50 "$work/server.log"; return 1; }
ready
if [[ -n "$generate" ]]; then
  echo "== generating $accounts accounts x $per signals =="
  start=$(date +%s)
  psql "$pg" -v accounts="$accounts" -v per="$per" -f "$here/generate.sql"
  echo "generated in $(( $(date +%s) - start )) s"
fi
psql "$pg" -Atc "SELECT 'portfolio: ' || (SELECT count(*) FROM account) || ' accounts, ' || (SELECT count(*) FROM signal) || ' signals, ' || pg_size_pretty(pg_database_size(current_database()))"

# p50/p95/max of the times (seconds, one a line) on stdin, in milliseconds
stats() { python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
q = lambda p: t[min(len(t) - 1, int(round(p * (len(t) - 1))))]
print("n=%d p50=%.0f ms p95=%.0f ms max=%.0f ms" % (len(t), q(.5), q(.95), t[-1]))'; }
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" "$1"; }
measure() { # name, then URLs used in turn
  local name=$1; shift; local urls=("$@") out; out=$(mktemp)
  for u in "${urls[@]}"; do timed "$base$u" >/dev/null; done       # warm-up: one of each
  for i in $(seq 1 "$requests"); do timed "$base${urls[$((i % ${#urls[@]}))]}"; done > "$out"
  local bad; bad=$(awk '$1 != 200' "$out" | wc -l)
  echo "$name: $(awk '{print $2}' "$out" | stats)${bad:+, non-200: $bad}"
  rm -f "$out"
}

echo "== ceiling: GET /admin/api/jobs (the same login, a list held in memory) =="
measure "GET /jobs" "/jobs"
echo "== accounts list =="
list=("/accounts?limit=50" "/accounts?sort=atRisk&limit=10" "/accounts?band=Red&sort=-health&limit=50&offset=500"
      "/accounts?segment=high-touch&sort=arr&limit=50" "/accounts?q=customer4711&limit=50" "/accounts?q=CUSTOMER%2047110&limit=50" "/accounts?q=001bench000000471&sort=-health&limit=50"
      "/accounts?q=customer%2099&limit=50" "/accounts?sort=name&limit=50&offset=50000"
      "/accounts?owner=owner7@example.com&sort=risk&limit=50" "/accounts?onboarding=completed&sort=-atRisk&limit=100&offset=2000")
for u in "${list[@]}"; do measure "  $u" "$u"; done
measure "accounts list, all of the above in turn" "${list[@]}"

overview_page() { # the Overview in Chromium, on the same server, after the API figures
  [[ -z "$overview" ]] && return 0
  echo "== Overview page in headless Chromium: $overview loads after one with an empty cache (load $(cut -d" " -f1-3 /proc/loadavg)) =="
  (cd "$ear_dir/.." && ./mvnw -o -q -pl ear -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null)
  local cp; cp=$(tr ':' '\n' < "$work/cp.txt" | grep -v '/io/csbridge/' | paste -sd:)
  java -cp "$cp" "$here/../overview/OverviewTiming.java" "http://127.0.0.1:$http" bench bench-password-1 "$overview" 2>&1 \
    | grep -v -e '^SLF4J' -e 'WARNING' -e '^[A-Z][a-z][a-z] [0-9]'
}

if [[ -n "$skip_kpis" ]]; then overview_page; exit 0; fi
echo "== KPIs: first read starts the background computation =="
start=$(date +%s.%N)
first=$(curl -s -w ' %{http_code}' "${auth[@]}" "$base/kpis")
echo "first GET /kpis: ${first: -3} ${first:0:200}"
job=$(echo "${first% *}" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("job",""))' 2>/dev/null || true)
if [[ -z "$job" ]]; then # an out-of-date snapshot is answered while the next one is computed: wait for that job too
  job=$(curl -s "${auth[@]}" "$base/jobs" | python3 -c '
import json, sys
d = json.load(sys.stdin); d = d if isinstance(d, list) else next((v for v in d.values() if isinstance(v, list)), [])
print(next((str(j["id"]) for j in d if "kpi" in str(j.get("kind", "")).lower() and j.get("state") == "running"), ""))' 2>/dev/null || true)
fi
if [[ -n "$job" ]]; then
  while :; do
    p=$(curl -s "${auth[@]}" "$base/jobs/$job")
    state=$(echo "$p" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [[ "$state" != running ]] && break
    sleep 10
  done
  echo "kpis job $job: $p"
  echo "waited $(python3 -c "import time; print(round(time.time() - $start))") s for it after the first read (the job's own times are above)"
fi
measure "GET /kpis" "/kpis"
measure "GET /kpis/trend?step=week" "/kpis/trend?step=week"
overview_page
echo "== server log: warnings =="
grep -c WARN "$work/standalone/log/server.log" || true
