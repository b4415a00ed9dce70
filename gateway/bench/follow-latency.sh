#!/bin/bash
# Time to the first log line with follow, against wfrun dev (run from the repository root after
# `mvn -DskipTests install`): ROUNDS Component builds with STEP_SECONDS per step. For each, the run
# API's time to the first byte of logs?follow=true once the build runs (curl), and, through
# `wfrun logs -f`, every line's latency (printed minus the timestamp the step wrote on it).
set -euo pipefail
ROUNDS=${ROUNDS:-3}
STEP_SECONDS=${STEP_SECONDS:-3}
W=functions/cli/target/wfrun
OUT=$(mktemp -d)
$W dev --step-seconds "$STEP_SECONDS" > "$OUT/dev.log" 2>&1 &
DEV=$!
trap 'kill -INT $DEV 2>/dev/null; wait $DEV 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do grep -q "^run API" "$OUT/dev.log" && break; sleep 0.5; done
API=$(cat target/wfrun-dev/run-api.url)
TOKEN=$(grep -m1 "token:" target/wfrun-dev/kubeconfig | awk '{print $2}')
for round in $(seq 1 "$ROUNDS"); do
  RUN=$($W build greeter-service | sed -E 's#workflowrun default/([^ ]+) .*#\1#')
  sleep 1.5
  curl -s -N -o /dev/null -H "Authorization: Bearer $TOKEN" \
    -w "round $round: run API first byte %{time_starttransfer} s\n" \
    "$API/api/v1/namespaces/default/workflowruns/$RUN/logs?follow=true"
  RUN=$($W build greeter-service | sed -E 's#workflowrun default/([^ ]+) .*#\1#')
  $W logs "$RUN" -f | while IFS= read -r line; do echo "$(date -u +%s.%N) $line"; done > "$OUT/follow-$round.txt"
  python3 - "$OUT/follow-$round.txt" "$round" <<'PY'
import datetime, sys
lat = []
for l in open(sys.argv[1]):
    arrived, stamp = l.split(' ', 2)[:2]
    lat.append(float(arrived) - datetime.datetime.fromisoformat(stamp.replace('Z', '+00:00')).timestamp())
print(f"round {sys.argv[2]}: wfrun logs -f, line latencies (s): " + ", ".join(f"{x:.3f}" for x in lat))
PY
done
