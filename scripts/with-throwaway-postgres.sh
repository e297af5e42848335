#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: its own folder, its own loopback
# port, dropped afterwards. Works whether or not a PostgreSQL server is already running.
set -euo pipefail
bindir=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
port=${FAZHI_TEST_PG_PORT:-55432}
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
dir=$(mktemp -d /tmp/fazhi-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; run_as=(runuser -u postgres --); fi
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/fazhi" "$@"
