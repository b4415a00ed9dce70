#!/usr/bin/env bash
# Gateway load run on loopback: 1,000 Components in an embedded API server, signed GitHub pushes
# from wrk. Prints throughput, latency percentiles, the gateway's JVM start time and RSS, and the
# gateway's own HTTP ceiling in the same run: the same body POSTed to an unknown provider path (HTTP
# stack, routing and body read only, answered 404), with the full path's share of it.
#   gateway/bench/load.sh [duration, default 30s] [connections, default 32]
# The gateway runs as its image does: on a JDK 25 (JAVA25_HOME, else /usr/lib/jvm/*25*) with its trained
# AOT cache and the image's heap, from its quarkus-app directory; without a JDK 25, on `java`.
#   GATEWAY_JAVA=java gateway/bench/load.sh ...   (another java for the gateway)
#   GATEWAY_JAVA_OPTS="-Xmx256m" gateway/bench/load.sh ...   (JVM flags for the gateway, after the image's)
#   HOSTILE=0 gateway/bench/load.sh ...   (no 1 MiB hostile pushes during the measured run: the baseline)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30s}
CONNECTIONS=${2:-32}
PORT=18080
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt)"; ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y -q wrk >/dev/null
fi
mvn -B -q -Pbench -DskipTests install -pl functions/benchmarks,gateway -am

java -cp functions/benchmarks/target/benchmarks.jar dev.wfrun.benchmarks.GatewayLoadWorld "$WORK/api-url" \
  > "$WORK/api.log" 2>&1 &
for _ in $(seq 1 120); do [ -s "$WORK/api-url" ] && break; sleep 0.5; done
API=$(cat "$WORK/api-url"); TOKEN=$(cat "$WORK/api-url.token"); echo "$(cat "$WORK/api.log")"

JDK25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
IMAGE_OPTS="-Xms32m -Xmx160m"   # the heap gateway/src/main/docker/Dockerfile.jvm sets
if [ -z "${GATEWAY_JAVA:-}" ] && [ -x "$JDK25/bin/java" ] && [ -f gateway/target/quarkus-app/app.aot ]; then
  GATEWAY_JAVA="$JDK25/bin/java"; IMAGE_OPTS="-XX:AOTCache=app.aot $IMAGE_OPTS"
fi
echo "gateway on ${GATEWAY_JAVA:-java} $IMAGE_OPTS ${GATEWAY_JAVA_OPTS:-}"
START=$(date +%s%N)
(cd gateway/target/quarkus-app && exec ${GATEWAY_JAVA:-java} $IMAGE_OPTS ${GATEWAY_JAVA_OPTS:-} -Dquarkus.http.port=$PORT \
  -Dquarkus.kubernetes-client.api-server-url="$API" -Dquarkus.kubernetes-client.trust-certs=true \
  -Dquarkus.kubernetes-client.token="$TOKEN" \
  -Dwfrun.gateway.rate-limit.per-second=10000000 -Dwfrun.gateway.rate-limit.burst=10000000 \
  -Dquarkus.log.level=WARN \
  -jar quarkus-run.jar > "$WORK/gateway.log" 2>&1) &
GATEWAY=$!
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do sleep 0.02; done
echo "gateway ready after $(( ($(date +%s%N) - START) / 1000000 )) ms (JVM start to /q/health/ready UP)"

# A push to one of the 1,000 repositories, outside its appPath: verified, parsed and matched
# against every Component from the informer cache, answered 200 with no build.
export PUSH_BODY='{"ref":"refs/heads/main","after":"9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6","repository":{"clone_url":"https://github.com/bench/repo-500.git"},"pusher":{"name":"dev"},"head_commit":{"message":"docs"},"commits":[{"added":[],"modified":["docs/README.md"],"removed":[]}]}'
export PUSH_SIGNATURE="sha256=$(printf '%s' "$PUSH_BODY" | openssl dgst -sha256 -hmac load-test-secret | sed 's/^.* //')"
until curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1alpha1/autobuild" -H 'X-GitHub-Event: push' \
    -H "X-Hub-Signature-256: $PUSH_SIGNATURE" -H 'Content-Type: application/json' -d "$PUSH_BODY"; do sleep 0.1; done
curl -s -X POST "http://127.0.0.1:$PORT/api/v1alpha1/autobuild" -H 'X-GitHub-Event: push' \
  -H "X-Hub-Signature-256: $PUSH_SIGNATURE" -H 'Content-Type: application/json' -d "$PUSH_BODY"

# A hostile signed push just under the 1 MiB body limit: its repository URL is a megabyte of slashes
# (before the fix it took the event loop 56.7 s). Answered with 400, timed during the measured run.
{ printf '{"ref":"refs/heads/main","after":"9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6","repository":{"clone_url":"https://github.com/bench/repo-500'
  head -c 1040000 /dev/zero | tr '\0' '/'
  printf '"},"pusher":{"name":"dev"},"head_commit":{"message":"x"},"commits":[]}'; } > "$WORK/hostile.json"
HOSTILE_SIGNATURE="sha256=$(openssl dgst -sha256 -hmac load-test-secret < "$WORK/hostile.json" | sed 's/^.* //')"
hostile() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "http://127.0.0.1:$PORT/api/v1alpha1/autobuild" \
    -H 'X-GitHub-Event: push' -H "X-Hub-Signature-256: $HOSTILE_SIGNATURE" -H 'Content-Type: application/json' -H 'Expect:' \
    --data-binary @"$WORK/hostile.json"
}
echo "hostile push ($(wc -c < "$WORK/hostile.json") bytes), alone, first: $(hostile)"
for _ in $(seq 1 30); do hostile >/dev/null; done   # an attacker sends many: the JIT has compiled their path
echo "hostile push, alone, after 30 more: $(hostile)"

URL="http://127.0.0.1:$PORT/api/v1alpha1/autobuild"
wrk -t2 -c"$CONNECTIONS" -d10s -s gateway/bench/push.lua "$URL" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s -s gateway/bench/push.lua "$URL/none" >/dev/null
# requests/s and p99 (ms) of one wrk run's output
rate() { awk '/^Requests\/sec:/ {print $2}'; }
p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; print v }'; }

echo "--- ceiling ($DURATION, $CONNECTIONS connections): the same signed body to an unknown provider path (404)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s gateway/bench/push.lua "$URL/none" | tee "$WORK/ceiling.txt"
echo "--- measured run ($DURATION, $CONNECTIONS connections)"
HOSTILE_PID=""
if [ "${HOSTILE:-1}" != 0 ]; then
  ( sleep 3; for i in 1 2 3 4 5; do echo "hostile push during the run: $(hostile) (HTTP code, seconds)"; sleep 1; done ) &
  HOSTILE_PID=$!
fi
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s gateway/bench/push.lua "$URL" | tee "$WORK/full.txt"
[ -z "$HOSTILE_PID" ] || wait "$HOSTILE_PID" 2>/dev/null || true
echo "gateway RSS after the run: $(( $(ps -o rss= -p $GATEWAY) / 1024 )) MB"
CEILING=$(rate < "$WORK/ceiling.txt"); FULL=$(rate < "$WORK/full.txt")
awk -v c="$CEILING" -v f="$FULL" -v cp="$(p99 < "$WORK/ceiling.txt")" -v fp="$(p99 < "$WORK/full.txt")" 'BEGIN {
  printf "summary: full path %.0f/s (p99 %.2f ms), ceiling %.0f/s (p99 %.2f ms): %.0f%% of the ceiling\n", f, fp, c, cp, 100 * f / c }'
