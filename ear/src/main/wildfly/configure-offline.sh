#!/usr/bin/env bash
# Configures a stopped WildFly 39 for CS Bridge with the embedded CLI (no boot): installs the PostgreSQL
# driver module when it is missing, then runs configure.cli (or the scripts given) on SERVER_CONFIG.
# Safe to run again. Usage: configure-offline.sh JBOSS_HOME [SERVER_CONFIG [SCRIPT.cli...]]
# SERVER_CONFIG defaults to standalone-microprofile.xml; with DB_URL set to a jdbc:postgresql: URL the
# datasource is PostgreSQL, otherwise the embedded H2 file database (see configure.cli).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jboss_home=$1
config=${2:-standalone-microprofile.xml}
scripts=("${@:3}")
[ ${#scripts[@]} -gt 0 ] || scripts=("$here/configure.cli")

# The driver module: the jar the ear build copies to ear/target/modules, with postgresql-module.xml.
module_dir=$jboss_home/modules/org/postgresql/main
if [ ! -f "$module_dir/module.xml" ]; then
  jar=$here/../../../target/modules/org/postgresql/main/postgresql.jar
  [ -f "$jar" ] || { echo "missing $jar: build first (./mvnw -DskipTests package)" >&2; exit 1; }
  mkdir -p "$module_dir"
  cp "$jar" "$module_dir/postgresql.jar"
  cp "$here/postgresql-module.xml" "$module_dir/module.xml"
fi

batch=$(mktemp --suffix=.cli)
trap 'rm -f "$batch"' EXIT
{
  # community: the stability level WildFly itself boots at (the embedded CLI defaults to default), so that
  # build-server.cli can add the Micrometer subsystem's Prometheus registry
  echo "embed-server --server-config=$config --std-out=discard --stability=community"
  for script in "${scripts[@]}"; do cat "$script"; echo; done
  echo "stop-embedded-server"
} >"$batch"
"$jboss_home/bin/jboss-cli.sh" --file="$batch"
