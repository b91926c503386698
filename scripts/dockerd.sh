#!/usr/bin/env bash
# The Docker engine the image build and the real-node tests use (Debian's docker.io, installed by
# scripts/install-system-deps.sh). Never pulls anything; only starts and stops the daemon.
#
#   scripts/dockerd.sh start   start dockerd when none answers (as root; overlay2, cgroupfs); idempotent
#   scripts/dockerd.sh stop    stop dockerd again, but only when this script started it (leave the host as found)
#   scripts/dockerd.sh status  exit 0 when a daemon answers
#
# State: ${SALESPULSE_STATE:-/run/salespulse}/dockerd.{pid,log} (the pid file exists only when we started it).
set -euo pipefail

STATE="${SALESPULSE_STATE:-/run/salespulse}"
PID_FILE="$STATE/dockerd.pid"
LOG_FILE="$STATE/dockerd.log"

log() { echo "dockerd.sh: $*" >&2; }
answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start() {
  if answers; then return 0; fi
  [ "$(id -u)" -eq 0 ] || { log "ERROR: no Docker engine answers and starting one needs root"; exit 1; }
  command -v dockerd >/dev/null 2>&1 || { log "ERROR: no dockerd (Debian package docker.io: scripts/install-system-deps.sh)"; exit 1; }
  mkdir -p "$STATE"
  # containerd comes with docker.io; dockerd starts its own when none runs. No registry mirrors, no metrics,
  # no user-land proxy (published ports use iptables only).
  setsid dockerd --storage-driver=overlay2 --exec-opt native.cgroupdriver=cgroupfs --userland-proxy=false \
    --log-level=warn >"$LOG_FILE" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 150); do
    if answers; then log "started (pid $(cat "$PID_FILE"), log $LOG_FILE)"; return 0; fi
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
    sleep 0.2
  done
  log "ERROR: dockerd did not answer within 30 s; last lines of $LOG_FILE:"; tail -n 20 "$LOG_FILE" >&2 || true
  exit 1
}

stop() {
  [ -f "$PID_FILE" ] || return 0
  local pid; pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 64 ;;
esac
