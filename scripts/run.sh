#!/usr/bin/env bash
# `make run`: migrate, load the demo zone into an empty database, collect static files,
# and serve with gunicorn (static files by WhiteNoise).
set -euo pipefail
bin=.venv/bin
$bin/fazhi migrate --noinput
$bin/fazhi demo --if-empty
# Count open deadlines again on the calendar in force (a holidays update may carry a new year's notice).
$bin/fazhi calendar refresh
$bin/fazhi collectstatic --noinput >/dev/null
cat <<MSG

  法治政府建设平台已启动：http://127.0.0.1:${PORT}/

  演示账号（密码均为 $($bin/python -c 'from fazhi.demo.data import DEMO_PASSWORD; print(DEMO_PASSWORD)')）：
$($bin/python -c 'from fazhi.demo.data import DEMO_USERS
for u in DEMO_USERS: print(f"    {u.username:<14} {u.role_label}（{u.unit}）")')

MSG
exec $bin/gunicorn fazhi.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 \
  --access-logfile - --forwarded-allow-ips 127.0.0.1
