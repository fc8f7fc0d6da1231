#!/bin/sh
# Events store throughput (docs/benchmarks.md, "Events store"): events/s the store absorbs when every event brings a
# distinct 768x576 frame (full-picture JPEG + crop JPEG written, record committed to MapDB), fsync on and off.
# Usage: dist/src/bench/events_store.sh [events]   (from the repository root; builds bundles/events first)
# Uses a real vtest.avi frame when ffmpeg and Debian's opencv-doc are present, else a synthetic textured frame.
set -eu
N="${1:-400}"
cd "$(dirname "$0")/../../.."
mvn -B -q -pl bundles/events -am install -DskipTests
CP_FILE="$(mktemp)"
mvn -B -q -pl bundles/events dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
IMG=""
VTEST=/usr/share/doc/opencv-doc/examples/data/vtest.avi
if command -v ffmpeg >/dev/null 2>&1 && [ -f "$VTEST" ]; then
  IMG="$(mktemp --suffix=.png)"
  ffmpeg -loglevel error -y -ss 5 -i "$VTEST" -frames:v 1 "$IMG"
fi
java -Djava.awt.headless=true -Xmx1g \
  -cp "bundles/events/target/test-classes:bundles/events/target/classes:$(cat "$CP_FILE")" \
  org.megbox.events.internal.EventsStoreBenchmark "$IMG" "$N"
rm -f "$CP_FILE" ${IMG:+"$IMG"}
