#!/usr/bin/env bash
# wfrun dev timings: command -> "ready:", and signed push -> Succeeded WorkflowRun minus the
# simulated step time (the system's own overhead). Needs a built project (mvn -B -DskipTests install).
# Usage: [DEV_FLAGS=--single-api] functions/dev/bench/latency.sh [runs] [step-seconds]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-5}
step=${2:-1}
port=18090
wfrun=functions/cli/target/wfrun
secret=bench-secret
work=$(mktemp -d)
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT

start=$(date +%s.%N)
$wfrun dev --port $port --kubeconfig "$work/kubeconfig" --step-seconds "$step" \
  --webhook-secret github=$secret ${DEV_FLAGS:-} > "$work/out" 2>&1 &
pid=$!
until grep -q '^ready:' "$work/out"; do sleep 0.05; kill -0 $pid; done
ready=$(date +%s.%N)
echo "ready after $(echo "$ready - $start" | bc) s ($(grep '^ready:' "$work/out"))"

sleep "${SETTLE:-0}"
kc="kubectl --kubeconfig $work/kubeconfig --cache-dir $work/cache"
steps=4
for i in $(seq 1 "$runs"); do
  # a new commit each time, so each push is a new run
  sed "s/7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b7c8d9e0f/$(printf '%040x' "$i")/g" samples/webhooks/github-push.json > "$work/push.json"
  mapfile -t headers < <($wfrun sign --secret $secret "$work/push.json")
  args=(); for h in "${headers[@]}"; do args+=(-H "$h"); done
  sent=$(date +%s.%N); echo "push $i at $(date -u +%H:%M:%S.%N)"
  curl -s -o /dev/null "${args[@]}" --data-binary @"$work/push.json" "http://127.0.0.1:$port/api/v1alpha1/autobuild"
  name=""
  until [ -n "$name" ]; do
    name=$($kc get workflowruns -n default -o \
      "jsonpath={range .items[?(@.spec.workflow.parameters.repository.revision.commit=='$(printf '%040x' "$i")')]}{.metadata.name}{end}")
    sleep 0.1
  done
  until [ "$($kc get workflowrun "$name" -n default -o 'jsonpath={.status.phase}')" = Succeeded ]; do sleep 0.2; done
  completed=$($kc get workflowrun "$name" -n default -o 'jsonpath={.status.completedAt}')
  done_s=$(date -d "$completed" +%s.%N)
  total=$(echo "$done_s - $sent" | bc)
  echo "run $i: push -> Succeeded $total s; overhead over $steps x ${step}s steps: $(echo "$total - $steps * $step" | bc) s"
done
