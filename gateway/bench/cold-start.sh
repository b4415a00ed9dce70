#!/usr/bin/env bash
# What a scale-from-zero start costs the push that caused it: 1,000 Components in the embedded API,
# the packaged webhook gateway started STARTS times per mode (JDK 17 + AppCDS, JDK 25 + the trained
# AOT cache, alternately), one signed GitHub push posted as soon as its port accepts; min/median/max
# from `java` to the answer and the RSS after it. Then the same jar as the run API
# (wfrun-workload-api): one build's Workload POSTed, with the webhook-trained cache and its own.
#   mvn -B -DskipTests install      # once: the gateway, its AppCDS archive and (with a JDK 25) app.aot
#   gateway/bench/cold-start.sh [STARTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o exec:exec@cold-start -pl gateway -Dwfrun.cold-start.starts="${1:-10}" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(JDK|no JDK|gateway cold-start)'
echo "run API (wfrun-workload-api):"
mvn -B -q -o exec:exec@cold-start-run-api -pl gateway -Dwfrun.cold-start.starts="${1:-10}" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(JDK|no JDK|run API cold-start)'
