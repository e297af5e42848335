#!/usr/bin/env bash
# A per-install secret key for `make run`, kept under var/ (never committed).
set -euo pipefail
mkdir -p var
[ -s var/secret_key ] || python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
chmod 600 var/secret_key
cat var/secret_key
