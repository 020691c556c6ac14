#!/usr/bin/env bash
# Shared by run.sh and scripts/docker-smoke.sh. Source it, then:
#   app_healthy PORT   succeeds when http://127.0.0.1:PORT/health answers 200
# Plain bash (/dev/tcp): a fresh machine may have neither curl nor wget.

app_healthy() (
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  [[ $(head -c 12 <&3) == "HTTP/1."?" 200" ]]
) 2>/dev/null
