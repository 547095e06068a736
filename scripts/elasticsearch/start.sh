#!/usr/bin/env bash
# Start (or reuse) a real, local, single-node Elasticsearch for development,
# tests and CI.
#
# Usage:
#   ES_URL="$(scripts/elasticsearch/start.sh)"   # last stdout line is the URL
#   scripts/elasticsearch/stop.sh                 # stop it again
#
# All progress output goes to stderr; stdout carries one line, the URL
# (http://127.0.0.1:<port>). When a vss-dev node already answers on the port
# it is reused and the script returns at once.
#
# What it does:
#   * fetches org.elasticsearch.distribution.integ-test-zip:elasticsearch:<v>:zip
#     from Maven Central with `mvn dependency:copy` and unpacks it once into
#     the cache dir (outside the repo); later runs reuse the unpacked copy;
#   * picks the newest JDK under /usr/lib/jvm and exports it as ES_JAVA_HOME;
#   * writes a per-port config dir (single-node, security off, 127.0.0.1,
#     cluster.name=vss-dev, disk thresholds off, 512 MB heap) and starts the
#     node daemonized (`bin/elasticsearch -d -p <pidfile>`), then waits until
#     /_cluster/health reports yellow or green.
#   * Elasticsearch refuses to run as root. When started as root the node is
#     run inside a user namespace (non-zero uid inside, files stay root-owned)
#     or, if that is not possible or VSS_ES_USER is set, as VSS_ES_USER
#     (default: nobody) through setpriv.
#
# The integ-test-zip is a minimal distribution: it has only the modules
# transport-netty4, x-pack-core, x-pack-security and apm -- no analysis-common,
# reindex, painless, mapper-extras, ingest-*, ml, and no rest-root: `GET /` and
# `HEAD /` (client.info()/client.ping()) answer 405. Use e.g.
# `GET /_cluster/health` as a liveness check. The only method `/` accepts is
# DELETE (index deletion, and action.destructive_requires_name is false): don't.
#
# Environment:
#   ES_VERSION       Elasticsearch version (default 9.2.0 when the newest JDK
#                    is >= 21, otherwise 8.19.21). 9.3.0 is not on Maven
#                    Central for this artifact.
#   ES_PORT          HTTP port on 127.0.0.1 (default 9200). Fails if the port
#                    is taken by something that is not a vss-dev node.
#   VSS_ES_HOME      cache/state dir (default $HOME/.cache/vss-elasticsearch):
#                    downloads/, dist/elasticsearch-<v>/, nodes/<port>/{config-<v>,
#                    data-<v>,logs,tmp,elasticsearch.pid}
#   ES_JAVA_HOME     JDK to run Elasticsearch with (default: newest under
#                    /usr/lib/jvm, chosen by the JAVA_VERSION of its release file)
#   ES_JAVA_OPTS     JVM options (default "-Xms512m -Xmx512m")
#   ES_START_TIMEOUT seconds to wait for the node to become healthy (default 180)
#   VSS_ES_USER      only when run as root: run the node as this user via
#                    setpriv instead of inside a user namespace
set -euo pipefail

readonly CLUSTER_NAME=vss-dev
readonly ES_HOST=127.0.0.1
readonly DEFAULT_ES9_VERSION=9.2.0
readonly DEFAULT_ES8_VERSION=8.19.21
readonly ARTIFACT_PREFIX=org.elasticsearch.distribution.integ-test-zip:elasticsearch

ES_PORT="${ES_PORT:-9200}"
VSS_ES_HOME="${VSS_ES_HOME:-$HOME/.cache/vss-elasticsearch}"
START_TIMEOUT="${ES_START_TIMEOUT:-180}"

log() { printf '[es-start] %s\n' "$*" >&2; }
die() {
  printf '[es-start] ERROR: %s\n' "$*" >&2
  exit 1
}

[[ "$ES_PORT" =~ ^[0-9]+$ ]] && ((ES_PORT > 0 && ES_PORT < 65536)) || die "ES_PORT must be a TCP port number, got '$ES_PORT'"
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "ES_START_TIMEOUT must be a number of seconds, got '$START_TIMEOUT'"
command -v curl >/dev/null || die "curl is required"

readonly URL="http://$ES_HOST:$ES_PORT"

# --- helpers -----------------------------------------------------------------

# cluster_name of whatever answers HTTP on the port ("" when nothing answers
# or the answer is not Elasticsearch-like). Uses /_cluster/health because the
# integ-test-zip has no rest-root module: `GET /` answers 405 there.
cluster_name_on_port() {
  local body
  body="$(curl -s -m 3 "$URL/_cluster/health?timeout=1s" 2>/dev/null)" || return 0
  printf '%s' "$body" | tr -d '\n' | sed -n 's/.*"cluster_name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}

port_open() {
  (exec 3<>"/dev/tcp/$ES_HOST/$ES_PORT") 2>/dev/null
}

# Waits for the cluster to be yellow or green; prints the status on stdout.
# $1 = deadline (in $SECONDS), $2 = pid that must stay alive (optional).
wait_for_health() {
  local deadline="$1" pid="${2:-}" body status
  while :; do
    body="$(curl -s -m 15 "$URL/_cluster/health?wait_for_status=yellow&timeout=10s" 2>/dev/null || true)"
    status="$(printf '%s' "$body" | sed -n 's/.*"status"[[:space:]]*:[[:space:]]*"\([a-z]*\)".*/\1/p')"
    if [[ "$status" == green || "$status" == yellow ]]; then
      printf '%s\n' "$status"
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

is_es_pid() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'org\.elasticsearch'
}

# Major version of a JDK dir, from its release file or `bin/java -version`.
java_major() {
  local dir="$1" v=""
  [[ -x "$dir/bin/java" ]] || return 1
  if [[ -r "$dir/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$dir/release" | head -n1)"
  fi
  if [[ -z "$v" ]]; then
    v="$("$dir/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  fi
  v="${v#1.}" # 1.8.0_392 -> 8.0_392
  v="${v%%[!0-9]*}"
  [[ -n "$v" ]] || return 1
  printf '%s\n' "$v"
}

print_log_tail() {
  local f
  for f in "$LOG_DIR/launcher.out" "$LOG_DIR/$CLUSTER_NAME.log"; do
    if [[ -s "$f" ]]; then
      printf '[es-start] ---- last lines of %s ----\n' "$f" >&2
      tail -n 60 "$f" >&2
    fi
  done
}

# --- 1. reuse a node that is already up ---------------------------------------

reuse_if_running() {
  local name status
  name="$(cluster_name_on_port)"
  if [[ "$name" == "$CLUSTER_NAME" ]]; then
    status="$(wait_for_health $((SECONDS + START_TIMEOUT)))" || die "a $CLUSTER_NAME node answers on $URL but never became yellow/green"
    log "reusing the running $CLUSTER_NAME node on $URL (cluster status: $status)"
    printf '%s\n' "$URL"
    exit 0
  fi
  if [[ -n "$name" ]]; then
    die "port $ES_PORT is taken by an Elasticsearch cluster named '$name', not '$CLUSTER_NAME'; stop it or choose another ES_PORT"
  fi
}

reuse_if_running

mkdir -p "$VSS_ES_HOME"
VSS_ES_HOME="$(cd "$VSS_ES_HOME" && pwd -P)"
NODE_DIR="$VSS_ES_HOME/nodes/$ES_PORT"
LOG_DIR="$NODE_DIR/logs"
PID_FILE="$NODE_DIR/elasticsearch.pid"
mkdir -p "$NODE_DIR"

# Serialize concurrent start.sh runs (parallel CI jobs, several terminals).
exec 9>"$VSS_ES_HOME/.start.lock"
if ! flock -n 9; then
  log "another start.sh is running; waiting for it (up to $((START_TIMEOUT + 600)) s)"
  flock -w $((START_TIMEOUT + 600)) 9 || die "timed out waiting for the lock $VSS_ES_HOME/.start.lock"
fi
# The other run may have started our node meanwhile.
reuse_if_running

if port_open; then
  old_pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if is_es_pid "$old_pid"; then
    log "our node (pid $old_pid) holds port $ES_PORT but does not answer yet; waiting for it"
    status="$(wait_for_health $((SECONDS + START_TIMEOUT)) "$old_pid")" || {
      print_log_tail
      die "the node with pid $old_pid did not become healthy on $URL; run stop.sh and retry"
    }
    log "cluster status: $status"
    printf '%s\n' "$URL"
    exit 0
  fi
  die "port $ES_PORT on $ES_HOST is in use by something that is not a $CLUSTER_NAME Elasticsearch node ($(ss -ltnpH "sport = :$ES_PORT" 2>/dev/null | head -n1 || true)); free it or set ES_PORT"
fi

old_pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if is_es_pid "$old_pid"; then
  die "an Elasticsearch process (pid $old_pid, from $PID_FILE) is running but not listening on $URL; run scripts/elasticsearch/stop.sh first"
fi
rm -f "$PID_FILE"

# --- 2. JDK --------------------------------------------------------------------

if [[ -n "${ES_JAVA_HOME:-}" ]]; then
  JDK="$ES_JAVA_HOME"
  JDK_MAJOR="$(java_major "$JDK")" || die "ES_JAVA_HOME=$JDK is not a usable JDK"
  log "using ES_JAVA_HOME from the environment: $JDK (Java $JDK_MAJOR)"
else
  JDK="" JDK_MAJOR=0
  for dir in /usr/lib/jvm/*/ ${JAVA_HOME:+"$JAVA_HOME/"}; do
    dir="${dir%/}"
    major="$(java_major "$dir" 2>/dev/null)" || continue
    if ((major > JDK_MAJOR)); then
      JDK="$dir" JDK_MAJOR="$major"
    fi
  done
  [[ -n "$JDK" ]] || die "no JDK found under /usr/lib/jvm (or JAVA_HOME); install one (>= 17) or set ES_JAVA_HOME"
  log "newest JDK: $JDK (Java $JDK_MAJOR)"
fi
export ES_JAVA_HOME="$JDK"

# --- 3. version ----------------------------------------------------------------

if [[ -n "${ES_VERSION:-}" ]]; then
  VERSION="$ES_VERSION"
elif ((JDK_MAJOR >= 21)); then
  VERSION="$DEFAULT_ES9_VERSION"
else
  VERSION="$DEFAULT_ES8_VERSION"
  log "Java $JDK_MAJOR < 21: falling back to Elasticsearch $VERSION"
fi
ES_MAJOR="${VERSION%%.*}"
if ((ES_MAJOR >= 9 && JDK_MAJOR < 21)); then
  die "Elasticsearch $VERSION needs Java >= 21 but the JDK is $JDK_MAJOR ($JDK)"
elif ((ES_MAJOR >= 8 && JDK_MAJOR < 17)); then
  die "Elasticsearch $VERSION needs Java >= 17 but the JDK is $JDK_MAJOR ($JDK)"
fi

# --- 4. download + unpack once ----------------------------------------------------

DIST="$VSS_ES_HOME/dist/elasticsearch-$VERSION"
if [[ ! -x "$DIST/bin/elasticsearch" ]]; then
  DOWNLOADS="$VSS_ES_HOME/downloads"
  ZIP="$DOWNLOADS/elasticsearch-$VERSION.zip"
  mkdir -p "$DOWNLOADS" "$VSS_ES_HOME/dist"
  if [[ ! -s "$ZIP" ]]; then
    command -v mvn >/dev/null || die "mvn (Maven) is required to fetch Elasticsearch"
    log "fetching $ARTIFACT_PREFIX:$VERSION:zip from Maven Central (about 100 MB) ..."
    # (sed: mvn -q still prints bare ANSI resets; all of it goes to stderr)
    mvn -q -B dependency:copy \
      "-Dartifact=$ARTIFACT_PREFIX:$VERSION:zip" \
      "-DoutputDirectory=$DOWNLOADS" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2 ||
      die "Maven could not fetch $ARTIFACT_PREFIX:$VERSION:zip (is the version published on Maven Central?)"
    [[ -s "$ZIP" ]] || die "Maven finished but $ZIP is missing"
  fi
  log "unpacking $ZIP"
  TMP_UNPACK="$(mktemp -d "$VSS_ES_HOME/dist/.unpack-XXXXXX")"
  trap 'rm -rf "$TMP_UNPACK"' EXIT
  if command -v unzip >/dev/null; then
    unzip -q "$ZIP" -d "$TMP_UNPACK"
  else
    python3 -m zipfile -e "$ZIP" "$TMP_UNPACK"
    chmod +x "$TMP_UNPACK/elasticsearch-$VERSION/bin/"*
  fi
  [[ -x "$TMP_UNPACK/elasticsearch-$VERSION/bin/elasticsearch" ]] || die "unexpected layout in $ZIP"
  rm -rf "$DIST"
  mv "$TMP_UNPACK/elasticsearch-$VERSION" "$DIST"
  rm -rf "$TMP_UNPACK"
  trap - EXIT
  rm -f "$ZIP" # Maven keeps a copy in ~/.m2 anyway
fi
log "distribution: $DIST"

# --- 5. node config --------------------------------------------------------------

CONF_DIR="$NODE_DIR/config-$VERSION"
DATA_DIR="$NODE_DIR/data-$VERSION"
TMP_DIR="$NODE_DIR/tmp"
mkdir -p "$DATA_DIR" "$LOG_DIR" "$TMP_DIR"
if [[ ! -f "$CONF_DIR/jvm.options" ]]; then
  rm -rf "$CONF_DIR"
  cp -R "$DIST/config" "$CONF_DIR"
fi

{
  echo "# Generated by scripts/elasticsearch/start.sh -- rewritten on every start."
  echo "cluster.name: $CLUSTER_NAME"
  echo "node.name: $CLUSTER_NAME-$ES_PORT"
  echo "discovery.type: single-node"
  echo "network.host: $ES_HOST"
  echo "http.port: $ES_PORT"
  echo "path.data: $DATA_DIR"
  echo "path.logs: $LOG_DIR"
  echo "cluster.routing.allocation.disk.threshold_enabled: false"
  echo "action.destructive_requires_name: false"
  # The xpack.* settings are registered by x-pack-core; unknown settings make
  # Elasticsearch refuse to start, so only set them when the module is there.
  if [[ -d "$DIST/modules/x-pack-core" ]]; then
    echo "xpack.security.enabled: false"
    echo "xpack.ml.enabled: false"
  fi
} >"$CONF_DIR/elasticsearch.yml"

export ES_PATH_CONF="$CONF_DIR"
export ES_TMPDIR="$TMP_DIR"
export ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"

# --- 6. start (as a non-root user if needed) ------------------------------------------

RUN_PREFIX=()
if ((EUID == 0)); then
  if [[ -z "${VSS_ES_USER:-}" ]] && unshare --user --map-user=1000 --map-group=1000 true 2>/dev/null; then
    log "running as root, which Elasticsearch refuses: starting it in a user namespace (uid 1000 inside)"
    RUN_PREFIX=(unshare --user --map-user=1000 --map-group=1000)
  else
    es_user="${VSS_ES_USER:-nobody}"
    es_uid="$(id -u "$es_user" 2>/dev/null)" || die "VSS_ES_USER=$es_user does not exist"
    ((es_uid != 0)) || die "VSS_ES_USER must not be root"
    es_gid="$(id -g "$es_user")"
    log "running as root, which Elasticsearch refuses: starting it as user $es_user"
    chown -R "$es_uid:$es_gid" "$NODE_DIR"
    RUN_PREFIX=(setpriv "--reuid=$es_uid" "--regid=$es_gid" --clear-groups)
    "${RUN_PREFIX[@]}" test -r "$DIST/lib" -a -x "$DIST/bin/elasticsearch" -a -w "$NODE_DIR" -a -x "$ES_JAVA_HOME/bin/java" ||
      die "user $es_user cannot read $DIST or write $NODE_DIR (is $VSS_ES_HOME under a private home dir?); set VSS_ES_HOME to a directory it can reach, e.g. /var/tmp/vss-elasticsearch"
  fi
fi

log "starting Elasticsearch $VERSION on $URL (Java $JDK_MAJOR from $ES_JAVA_HOME, heap: $ES_JAVA_OPTS)"
echo "$VERSION" >"$NODE_DIR/version"
printf '\n==== %s start.sh: starting Elasticsearch %s ====\n' "$(date -Is)" "$VERSION" >>"$LOG_DIR/launcher.out"
# setsid: own session, so the node survives the caller's terminal / process
# group; stdio to files, so `$(start.sh)` does not hang on the node's output.
# 9>&-: the node must not inherit (and keep holding) the start lock.
setsid "${RUN_PREFIX[@]}" "$DIST/bin/elasticsearch" -d -p "$PID_FILE" \
  </dev/null >>"$LOG_DIR/launcher.out" 2>&1 9>&- &
launcher_pid=$!

deadline=$((SECONDS + START_TIMEOUT))
# `-d` makes the launcher return once the node is up (exit 0) or failed.
while kill -0 "$launcher_pid" 2>/dev/null && ((SECONDS < deadline)); do
  sleep 1
done
if kill -0 "$launcher_pid" 2>/dev/null; then
  kill "$launcher_pid" 2>/dev/null || true
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  is_es_pid "$pid" && kill "$pid" 2>/dev/null || true
  print_log_tail
  die "Elasticsearch did not start within $START_TIMEOUT s"
fi
if ! wait "$launcher_pid"; then
  print_log_tail
  die "Elasticsearch failed to start (see above and $LOG_DIR)"
fi

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if ! status="$(wait_for_health "$deadline" "$pid")"; then
  print_log_tail
  die "Elasticsearch (pid ${pid:-?}) did not become yellow/green on $URL within $START_TIMEOUT s"
fi
[[ "$(cluster_name_on_port)" == "$CLUSTER_NAME" ]] || die "something else answers on $URL"
log "Elasticsearch $VERSION is up: pid $pid, cluster status $status, logs in $LOG_DIR, data in $DATA_DIR (started in ${SECONDS}s)"
printf '%s\n' "$URL"
