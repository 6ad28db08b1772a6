#!/usr/bin/env bash
# A single-node KRaft Kafka broker on 127.0.0.1:9092 without Docker, from the Kafka server
# artifacts on Maven Central (the version matching Weft's kafka-clients), for running the
# distributed topology on one machine. Not for production.
#
#   scripts/kafka-local.sh start|stop|status
#
# Environment: WEFT_KAFKA_HOME (default ~/.weft/kafka: lib/, config, data/, kafka.log, kafka.pid),
# WEFT_KAFKA_PORT (default 9092), WEFT_KAFKA_VERSION (default 4.1.2), MVN_FLAGS (e.g. -o).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOME_DIR="${WEFT_KAFKA_HOME:-$HOME/.weft/kafka}"
PORT="${WEFT_KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((PORT + 1))
VERSION="${WEFT_KAFKA_VERSION:-4.1.2}"
LIB="$HOME_DIR/lib-$VERSION"
PID_FILE="$HOME_DIR/kafka.pid"
LOG="$HOME_DIR/kafka.log"
CONFIG="$HOME_DIR/server.properties"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BOOT_VERSION="$(sed -n '/<parent>/,/<\/parent>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$ROOT/pom.xml")"

running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

fetch() {
  [[ -f "$LIB/.complete" ]] && return
  echo "fetching Kafka $VERSION server artifacts into $LIB"
  mkdir -p "$LIB"
  cat > "$HOME_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.weft.local</groupId><artifactId>kafka-local</artifactId><version>1</version>
  <dependencyManagement><dependencies>
    <!-- the library versions Weft itself builds with, so the artifacts are mostly already local -->
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
      <version>$BOOT_VERSION</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <!-- the broker logs through SLF4J; simple writes to stderr, i.e. kafka.log -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>2.0.17</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$VERSION</version></dependency>
  </dependencies>
</project>
POM
  "$ROOT/mvnw" -q ${MVN_FLAGS:-} -f "$HOME_DIR/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DoutputDirectory="$LIB" -DincludeScope=runtime
  touch "$LIB/.complete"
}

configure() {
  [[ -f "$CONFIG" ]] && return
  mkdir -p "$HOME_DIR/data"
  cat > "$CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$HOME_DIR/data
num.partitions=12
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
}

format() {
  [[ -f "$HOME_DIR/data/meta.properties" ]] && return
  "$JAVA" -cp "$LIB/*" kafka.tools.StorageTool format \
      -t "$("$JAVA" -cp "$LIB/*" kafka.tools.StorageTool random-uuid)" -c "$CONFIG" >> "$LOG" 2>&1
}

start() {
  if running; then
    echo "Kafka is already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"
    return
  fi
  mkdir -p "$HOME_DIR"
  fetch
  configure
  format
  nohup "$JAVA" -Xms256m -Xmx1g -cp "$LIB/*" kafka.Kafka "$CONFIG" >> "$LOG" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      echo "Kafka $VERSION is up on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), log $LOG)"
      echo "  export SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$PORT"
      return
    fi
    if ! running; then
      echo "Kafka exited during startup; see $LOG" >&2
      tail -20 "$LOG" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "Kafka did not open 127.0.0.1:$PORT within 30s; see $LOG" >&2
  exit 1
}

stop() {
  if ! running; then
    echo "Kafka is not running"
    rm -f "$PID_FILE"
    return
  fi
  local pid
  pid="$(cat "$PID_FILE")"
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "Kafka stopped"; return; }
    sleep 0.5
  done
  echo "Kafka (pid $pid) did not stop within 30s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

status() {
  if running; then
    echo "Kafka is running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT; data in $HOME_DIR/data"
  else
    echo "Kafka is not running"
    exit 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
