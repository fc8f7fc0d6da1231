#!/bin/bash
# Start-up of two or more assembled boxes against each other, alternately in every round so that the load of a
# busy machine falls on all of them alike: each round starts each box on a fresh data folder (first) and again on
# the same folder (restart) until GET /v1/MEGBOX/getAlgInfos answers 200, and records the wall time and the JVM's
# CPU time (utime+stime from /proc) at that moment, then the number of classes the JVM has loaded (jstat). The
# CPU time is the steadier figure on a busy machine; the class count does not depend on the load at all.
# usage: dist/src/bench/startup_ab.sh ROUNDS NAME=DIST [NAME=DIST ...]   (NAME=DIST:JAVA_OPTS for extra -D)
# e.g.   dist/src/bench/startup_ab.sh 8 before=/tmp/megbox-17jars after=dist/target/megbox
set -u
rounds=$1; shift
tmp=$(mktemp -d /tmp/startup-ab.XXXX); trap 'rm -rf "$tmp"' EXIT
tck=$(getconf CLK_TCK)
once() { # dist data opts -> "wall cpu classes"
  local port=$((20000 + RANDOM % 20000)) start end pid code
  start=$(date +%s.%N)
  MEGBOX_JAVA_OPTS="$3" "$1/bin/megbox" --port $port --host 127.0.0.1 --data "$2" >>"$2.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/v1/MEGBOX/getAlgInfos)
    [ "$code" = 200 ] && break; sleep 0.025
  done
  end=$(date +%s.%N)
  cpu=$(awk -v t="$tck" '{print ($14+$15)/t}' /proc/$pid/stat)
  classes=$(jstat -class $pid 2>/dev/null | awk 'NR == 2 {print $1}')
  kill $pid; wait $pid 2>/dev/null
  [ "$code" = 200 ] || { echo "no 200 from $1, see $2.log" >&2; cat "$2.log" >&2; exit 1; }
  printf "%.2f %.2f %s" "$(echo "$end - $start" | bc)" "$cpu" "${classes:-0}"
}
for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    name=${spec%%=*}; rest=${spec#*=}; dist=${rest%%:*}; opts=""; [ "$rest" != "$dist" ] && opts=${rest#*:}
    data=$(mktemp -d "$tmp/data.XXXX")
    read -r fw fc fk <<<"$(once "$dist" "$data" "$opts")"
    read -r rw rc rk <<<"$(once "$dist" "$data" "$opts")"
    echo "$name first wall $fw cpu $fc classes $fk restart wall $rw cpu $rc classes $rk load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$tmp/all"
    rm -rf "$data" "$data.log"
  done
done
echo "mean (min-max) of $rounds rounds:"
awk '{ for (i = 2; i < NF; i++) { if ($i == "first" || $i == "restart") { ph = $i; continue }
                                     if ($i == "load") break; k = $1 " " ph " " $i; v = $(++i)
                                     s[k] += v; n[k]++; if (!(k in lo) || v < lo[k]) lo[k] = v; if (!(k in hi) || v > hi[k]) hi[k] = v } }
     END { for (k in s) printf "%-28s %.2f (%.2f-%.2f)\n", k, s[k] / n[k], lo[k], hi[k] }' "$tmp/all" | sort
