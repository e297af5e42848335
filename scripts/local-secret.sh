#!/usr/bin/env bash
# A per-install secret key for `make run`, kept under var/ (never committed).
set -euo pipefail
dir=${FAZHI_VAR_DIR:-var}
mkdir -p "$dir"
[ -s "$dir/secret_key" ] || python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > "$dir/secret_key"
chmod 600 "$dir/secret_key"
cat "$dir/secret_key"
