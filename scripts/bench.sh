#!/usr/bin/env bash
# Weft's benchmark in one command: builds the service jar and the harness (benchmarks/, a separate
# Maven project that `./mvnw verify` never builds), starts a throwaway Kafka broker, then runs every
# mode in its own JVMs against throwaway PostgreSQL databases, pgbench and the DBOS peer, and prints
# one table (also written to target/bench/results.md). See docs/benchmarks.md.
#
#   scripts/bench.sh [--quick] [--reps=N] [--modes=embedded,postgres,distributed,distributed-broker]
#                    [--no-peers] [--workloads=latency,burndown,ramp,heap,slow,streams|soak] [--service-jvm=<JVM option>]...
#                    [--soak-minutes=20] [--soak-rate=50] [--soak-fault-every=4]   (soak: distributed mode only, on request)
#
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64 when present), WEFT_BENCH_PG
# (admin JDBC URL, default jdbc:postgresql://127.0.0.1:5432/postgres; its user may CREATE DATABASE),
# WEFT_BENCH_PG_USER (default postgres), WEFT_BENCH_KAFKA_PORT (default 19092), WEFT_BENCH_NO_KAFKA=1
# to skip the distributed mode. Builds take /tmp/weft-mvn.lock so they never overlap other builds.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK="$ROOT/target/bench"
PG="${WEFT_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432/postgres}"
PG_USER="${WEFT_BENCH_PG_USER:-postgres}"
KAFKA_PORT="${WEFT_BENCH_KAFKA_PORT:-19092}"
export WEFT_KAFKA_HOME="${WEFT_BENCH_KAFKA_HOME:-$HOME/.weft/kafka-bench}"
export WEFT_KAFKA_PORT="$KAFKA_PORT"

mvn_locked() {
  flock /tmp/weft-mvn.lock "$ROOT/mvnw" -q "$@"
}

echo "[bench] building the service jar and the harness"
mvn_locked -Dmaven.test.skip=true package
mvn_locked -f benchmarks/pom.xml clean package
JAR="$(ls "$ROOT"/target/weft-*.jar | grep -v original | head -1)"

# The broker is needed only when a distributed mode is among the chosen modes (all by default).
NEEDS_KAFKA=1
for arg in "$@"; do
  if [[ "$arg" == --modes=* && "$arg" != *distributed* && "$arg" != *kafka* && "$arg" != *broker* ]]; then NEEDS_KAFKA=0; fi
done
[[ "${WEFT_BENCH_NO_KAFKA:-}" == "1" ]] && NEEDS_KAFKA=0

KAFKA_ARG=""
if [[ "$NEEDS_KAFKA" == "1" ]]; then
  echo "[bench] starting a throwaway Kafka broker on 127.0.0.1:$KAFKA_PORT ($WEFT_KAFKA_HOME)"
  "$ROOT/scripts/kafka-local.sh" stop >/dev/null 2>&1 || true
  rm -rf "$WEFT_KAFKA_HOME/data" "$WEFT_KAFKA_HOME/server.properties" "$WEFT_KAFKA_HOME/kafka.log"
  flock /tmp/weft-mvn.lock "$ROOT/scripts/kafka-local.sh" start
  trap '"$ROOT/scripts/kafka-local.sh" stop >/dev/null 2>&1 || true' EXIT
  KAFKA_ARG="--kafka=127.0.0.1:$KAFKA_PORT"
fi

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git -C "$ROOT" diff --quiet HEAD -- src pom.xml benchmarks 2>/dev/null; then COMMIT="$COMMIT+uncommitted"; fi
rm -rf "$WORK"
mkdir -p "$WORK"
"$JAVA" -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" dev.weft.bench.BenchMain \
  --jar="$JAR" --commit="$COMMIT" --pg="$PG" --pg-user="$PG_USER" $KAFKA_ARG --work="$WORK" "$@" 2>&1 | tee "$WORK/bench.out"
