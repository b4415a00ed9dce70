#!/usr/bin/env bash
# What a scale-from-zero start costs the event that caused it: the packaged functions app started
# STARTS times per mode (JDK 17 + AppCDS, JDK 25 + the trained AOT cache, alternately), one CloudEvent
# posted as soon as its port accepts, min/median/max from `java` to the answer and the RSS after it.
#   mvn -B -DskipTests install      # once: the app, its AppCDS archive and (with a JDK 25) app.aot
#   functions/bench/cold-start.sh [STARTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o exec:exec@cold-start -pl functions/app -Dwfrun.cold-start.starts="${1:-10}" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(JDK|no JDK|cold-start)'
