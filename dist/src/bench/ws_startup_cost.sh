#!/bin/bash
# What the WebSocket bundles cost at start-up: the assembled box as shipped (WS) against a copy without the Jetty
# WebSocket jars and org.megbox.wsserver, with both websocket.enable properties off (noWS). Each round starts each
# variant on a fresh data folder (first) and again on the same folder (restart) until GET /v1/MEGBOX/getAlgInfos
# answers 200, and prints the wall time and the JVM's CPU time (utime+stime from /proc) at that moment; the CPU
# time is the steadier figure on a busy machine.
# usage: dist/src/bench/ws_startup_cost.sh [DIST (default dist/target/megbox)] [ROUNDS (default 5)]
set -u
dist=$(cd "${1:-dist/target/megbox}" && pwd); rounds=${2:-5}
tmp=$(mktemp -d /tmp/ws-startup.XXXX); trap 'rm -rf "$tmp"' EXIT
cp -r "$dist" "$tmp/ws"; cp -r "$dist" "$tmp/nows"
rm -f "$tmp"/nows/bundles/2/jetty-* "$tmp"/nows/bundles/2/jakarta.websocket-* "$tmp"/nows/bundles/3/org.megbox.wsserver-*
tck=$(getconf CLK_TCK)
once() { # variant data label -> "wall cpu"
  local port=$((20000 + RANDOM % 20000)) start end pid cpu code
  start=$(date +%s.%N)
  "$tmp/$1/bin/megbox" --port $port --data "$2" >>"$2.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/v1/MEGBOX/getAlgInfos)
    [ "$code" = 200 ] && break; sleep 0.05
  done
  end=$(date +%s.%N)
  cpu=$(awk -v t="$tck" '{print ($14+$15)/t}' /proc/$pid/stat)
  kill $pid; wait $pid 2>/dev/null
  printf "%.2f %.2f" "$(echo "$end - $start" | bc)" "$cpu"
}
for r in $(seq 1 "$rounds"); do
  for v in nows ws; do
    if [ $v = nows ]; then
      export MEGBOX_JAVA_OPTS="-Dorg.apache.felix.jetty.websocket.enable=false -Dorg.apache.felix.jakarta.websocket.enable=false"
    else
      export MEGBOX_JAVA_OPTS=""
    fi
    data=$(mktemp -d "$tmp/data.XXXX")
    read -r fw fc <<<"$(once $v "$data")"
    read -r rw rc <<<"$(once $v "$data")"
    echo "$v first wall $fw cpu $fc restart wall $rw cpu $rc load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
