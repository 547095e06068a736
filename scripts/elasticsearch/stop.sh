#!/usr/bin/env bash
# Stop the local Elasticsearch node started by scripts/elasticsearch/start.sh.
#
# Uses the pid file $VSS_ES_HOME/nodes/$ES_PORT/elasticsearch.pid, sends
# SIGTERM and waits for the process to exit (SIGKILL after ES_STOP_TIMEOUT
# seconds, default 60). Exits 0 when no node of ours is running.
#
# Environment (same meaning as for start.sh):
#   ES_PORT          HTTP port of the node (default 9200)
#   VSS_ES_HOME      cache/state dir (default $HOME/.cache/vss-elasticsearch)
#   ES_STOP_TIMEOUT  seconds to wait after SIGTERM (default 60)
set -euo pipefail

ES_PORT="${ES_PORT:-9200}"
VSS_ES_HOME="${VSS_ES_HOME:-$HOME/.cache/vss-elasticsearch}"
STOP_TIMEOUT="${ES_STOP_TIMEOUT:-60}"
PID_FILE="$VSS_ES_HOME/nodes/$ES_PORT/elasticsearch.pid"

log() { printf '[es-stop] %s\n' "$*" >&2; }
die() {
  printf '[es-stop] ERROR: %s\n' "$*" >&2
  exit 1
}

[[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "ES_STOP_TIMEOUT must be a number of seconds, got '$STOP_TIMEOUT'"

is_es_pid() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'org\.elasticsearch'
}

if [[ ! -f "$PID_FILE" ]]; then
  log "no pid file $PID_FILE: no node started by start.sh is running on port $ES_PORT"
  # (GET / answers 405 on the integ-test-zip: ask the cluster health instead.)
  if curl -s -m 3 "http://127.0.0.1:$ES_PORT/_cluster/health" 2>/dev/null | grep -q '"cluster_name"'; then
    log "warning: an Elasticsearch node still answers on http://127.0.0.1:$ES_PORT (not ours, or started with another VSS_ES_HOME)"
  fi
  exit 0
fi

pid="$(cat "$PID_FILE")"
if ! is_es_pid "$pid"; then
  log "pid ${pid:-?} from $PID_FILE is not a running Elasticsearch process; removing the stale pid file"
  rm -f "$PID_FILE"
  exit 0
fi

log "stopping Elasticsearch (pid $pid, port $ES_PORT)"
kill -TERM "$pid"
deadline=$((SECONDS + STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  log "still running after $STOP_TIMEOUT s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && die "pid $pid did not exit"
fi
rm -f "$PID_FILE"
log "stopped (in ${SECONDS}s)"
