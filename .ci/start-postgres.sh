#!/usr/bin/env bash
# Starts a local PostgreSQL for the storage tests and prints the connection string to use:
#
#   eval "$(bash .ci/start-postgres.sh)"
#
# Runs as root on Debian 12. Idempotent: installs PostgreSQL only when it is missing, starts the cluster
# only when it is down, and (re)sets the test role's password every time. Only the `export` line goes to
# stdout; everything else goes to stderr so the eval above stays clean.
set -euo pipefail

DB_NAME="okrconnect_test"
DB_USER="${OKRCONNECT_TEST_PG_USER:-okrconnect_test}"
# A throwaway password for a database that exists only on the CI machine; override it if you like.
DB_PASSWORD="${OKRCONNECT_TEST_PG_PASSWORD:-okrconnect_test_pw}"

log() { echo "start-postgres: $*" >&2; }

installed_version() {
    # Highest server version installed (e.g. 15), empty when none.
    ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -n 1 || true
}

if [[ -z "$(installed_version)" ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
fi

version="$(installed_version)"
if [[ -z "$version" ]]; then
    log "no PostgreSQL server found after install"
    exit 1
fi

# The Debian package creates the 'main' cluster on install; a stripped image may have removed it.
if ! pg_lsclusters --no-header 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version main"; then
    log "creating cluster $version/main"
    pg_createcluster "$version" main >&2
fi

status="$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" {print $4}')"
if [[ "$status" != "online" ]]; then
    log "starting cluster $version/main"
    pg_ctlcluster "$version" main start >&2
fi

port="$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"

# Wait until the server accepts connections (start returns before it is always ready on slow machines).
for _ in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port"; then
        break
    fi
    sleep 1
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$port" >&2

psql_admin() {
    runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -X -q "$@"
}

# Role: create once, then always set the password so a changed password takes effect.
psql_admin -v user="$DB_USER" -v password="$DB_PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" WITH LOGIN PASSWORD :'password';
SQL

# Database owned by the test role, so the tests can create and drop their own schemas in it.
psql_admin -v user="$DB_USER" -v db="$DB_NAME" >&2 <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"user";
SQL

log "PostgreSQL $version ready on 127.0.0.1:$port, database $DB_NAME"
echo "export OKRCONNECT_TEST_POSTGRES=\"Host=127.0.0.1;Port=$port;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASSWORD\""
