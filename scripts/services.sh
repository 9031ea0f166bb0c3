#!/usr/bin/env bash
# PostgreSQL and Redis on 127.0.0.1 for the tests and benchmarks: installed from Debian's packages when
# missing, loopback connections as the `postgres` user without a password (the tests' TEST_DATABASE_URL
# default), started when down. Idempotent: run it at the start of every session; .ci/run runs it too.
# Needs root (apt-get, pg_hba.conf). It configures a development/CI machine; never run it on a server
# whose PostgreSQL holds real data (it trusts loopback connections).
set -euo pipefail

say() { printf '== %s\n' "$*"; }

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" postgresql-contrib >/dev/null
fi

# --- PostgreSQL -------------------------------------------------------------------------------------
PG_VERSION="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
if [ -z "$PG_VERSION" ]; then
  PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  say "creating PostgreSQL $PG_VERSION cluster main"
  pg_createcluster "$PG_VERSION" main >/dev/null
fi
if [ ! -d "/etc/postgresql/$PG_VERSION/main" ]; then
  say "creating PostgreSQL $PG_VERSION cluster main"
  pg_createcluster "$PG_VERSION" main >/dev/null
fi
CONF_DIR="/etc/postgresql/$PG_VERSION/main"
HBA="$CONF_DIR/pg_hba.conf"
# Debian asks for a password on 127.0.0.1 and ::1 (scram-sha-256); the tests connect as postgres with none.
# Our lines go first: pg_hba.conf is read top down and the first match wins.
if ! grep -q '^# salesos: loopback trust' "$HBA"; then
  say "PostgreSQL: trusting loopback connections ($HBA)"
  { echo '# salesos: loopback trust (development and CI only)'
    echo 'host    all    all    127.0.0.1/32    trust'
    echo 'host    all    all    ::1/128         trust'
    cat "$HBA"; } >"$HBA.new"
  chown --reference="$HBA" "$HBA.new"; chmod --reference="$HBA" "$HBA.new"
  mv "$HBA.new" "$HBA"
  RELOAD_PG=1
fi
# Enough connections for two test workers, each with its own databases and pools.
if ! grep -q '^max_connections = 200' "$CONF_DIR/postgresql.conf"; then
  sed -i 's/^#\?max_connections = .*/max_connections = 200/' "$CONF_DIR/postgresql.conf"
  RESTART_PG=1
fi
if pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1; then
  if [ -n "${RESTART_PG:-}" ]; then pg_ctlcluster "$PG_VERSION" main restart
  elif [ -n "${RELOAD_PG:-}" ]; then pg_ctlcluster "$PG_VERSION" main reload; fi
else
  say "starting PostgreSQL $PG_VERSION"
  pg_ctlcluster "$PG_VERSION" main start
fi
for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL did not start"; exit 1; }
psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null \
  || { echo "PostgreSQL is up but postgres@127.0.0.1 cannot connect without a password"; exit 1; }

# --- Redis ------------------------------------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/salesos.log
  for _ in $(seq 1 60); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis did not start"; exit 1; }
say "PostgreSQL $PG_VERSION and Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') are up on 127.0.0.1"
