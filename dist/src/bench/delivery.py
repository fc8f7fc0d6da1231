#!/usr/bin/env python3
"""Delivery benchmark (issue 5, "Tests and figures"): frame -> receiver latency p50/p99 of the box's HTTP pushes with
16 RTSP channels of vtest.avi (perimeter intrusion rule over the plaza on each), and the events/s one HTTP receiver
absorbs when a stored backlog drains, against a bare Python HTTP post loop to the same receiver measured in the same
run. 127.0.0.1 only; bounded (about 3 minutes).

Usage: dist/src/bench/delivery.py [--channels 16] [--window S] [--backlog N]   (after mvn -B -DskipTests install)
Needs: opencv-doc (vtest.avi), the in-repo rtsp-serve (see benchlib). Prints Markdown to stdout; docs/benchmarks.md
("Delivery (issue 5)") records a run.

Latency: the receiver (a ThreadingHTTPServer in this process, HTTP/1.1 keep-alive, answers 200 with no body) notes
its wall clock when a push's body has been read; minus the push's recv_ts (when the box received the frame the event
was raised on, Unix ms, same machine clock) that is frame -> receiver. Measured with 1 channel (analysis alone on
the CPU), then with all channels.
Drain: the receiver is stopped, alerts pile up (up to 20 s), the RTSP server is stopped (no new events: the drain is not
competing with analysis), then the receiver comes back and the pushes are counted until /delivery/counters shows
no backlog. Baseline: the same number of POSTs of bodies of the same sizes, one after another on one keep-alive
connection (http.client), to the same receiver.
Delivery alone (first, unless --no-alone; needs bundles/delivery built with its tests): DeliveryBenchmark in one JVM
measures the cursor write (and a MapDB commit for comparison), "event committed -> receiver has it" at 20 events/s,
and a drain of 500 events. The drain also counts the connections the box opened to the receiver (keep-alive: 1).
"""
import argparse, http.client, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from benchlib import DIST, PROCS, ROOT, clip_path, free_port, http_json, report_alerts_to, start_box, add_channels, start_rtsp, stop_all

RULE = """{"surveillanceEnabled": true, "ruleIndex": 1, "ruleEnable": true, "algType": 14,
 "alertRules": {"proc": "init_rules", "customizedOptions": {
   "area_list": [{"area_type": "polygon", "area_id": 1, "alertor_ids": [1],
     "points": [{"x": 0.05, "y": 0.42}, {"x": 0.95, "y": 0.42}, {"x": 0.95, "y": 0.98}, {"x": 0.05, "y": 0.98}]}],
   "alertor_configs": [{"alertor_id": 1, "alertor_type": ["intrusion"], "target_type": ["person"],
     "target_min": 0, "target_max": 1, "duration": 0, "cooldown_duration": 1, "timeRange": [0, 86400]}]}}}"""


class Receiver:
    """The integrator's HTTP endpoint: records (arrival ms, event id, body size, parsed body) of every push."""

    def __init__(self, port):
        self.port = port
        self.pushes = []
        self.lock = threading.Lock()
        self.server = None
        self.connections = set()
        self.accepted = 0  # connections opened to this receiver (keep-alive: one per sender)
        self.down = False

    def start(self):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                with outer.lock:
                    outer.connections.add(self.connection)
                    outer.accepted += 1

            def do_POST(self):
                if outer.down:  # a keep-alive connection of before stop(): no answer, like a dead server
                    self.close_connection = True
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                arrived = time.time() * 1000
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                event_id = int(self.headers.get("X-MegBox-Event-Id", "0"))
                with outer.lock:
                    outer.pushes.append((arrived, event_id, len(body), body))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        """Gone at once: the listening socket closed and every open (keep-alive) connection cut."""
        self.down = True
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        with self.lock:
            conns, self.connections = list(self.connections), set()
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def snapshot(self):
        with self.lock:
            return list(self.pushes)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def main_counters(base):
    for c in http_json("GET", base + "/delivery/counters").get("data", {}).get("receivers", []):
        if c.get("name") == "main":
            return c
    return {}


def delivery_alone(events, rate, backlog):
    """The delivery part alone (bundles/delivery DeliveryBenchmark, one JVM, no video): its output lines, or why not."""
    pom = os.path.join(ROOT, "bundles", "delivery", "pom.xml")
    classes = os.path.join(ROOT, "bundles", "delivery", "target")
    if not os.path.isdir(os.path.join(classes, "test-classes")):
        return ["(skipped: bundles/delivery not built with its tests)"]
    cp_file = tempfile.mktemp(prefix="megbox-delivery-cp-")
    try:
        subprocess.run(["mvn", "-B", "-o", "-q", "-f", pom, "dependency:build-classpath",
                        f"-Dmdep.outputFile={cp_file}", "-Dmdep.includeScope=test"], check=True, timeout=120,
                       stdout=subprocess.DEVNULL)
        with open(cp_file) as f:
            cp = f.read().strip()
        cp = os.path.join(classes, "test-classes") + ":" + os.path.join(classes, "classes") + ":" + cp
        out = subprocess.run(["java", "-cp", cp, "org.megbox.delivery.internal.DeliveryBenchmark", "77000",
                              str(events), str(rate), str(backlog)], capture_output=True, text=True, timeout=150)
        return [line for line in out.stdout.splitlines() if line and not line.startswith("[")]
    except (subprocess.SubprocessError, OSError) as e:
        return [f"(failed: {e})"]
    finally:
        if os.path.exists(cp_file):
            os.remove(cp_file)


def baseline(port, bodies):
    """Sequential POSTs of the given bodies on one keep-alive connection; returns posts per second."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    t0 = time.monotonic()
    for i, b in enumerate(bodies):
        conn.request("POST", "/alerts", body=b, headers={"Content-Type": "application/json;charset=UTF-8",
                                                         "X-MegBox-Event-Id": str(10_000_000 + i)})
        conn.getresponse().read()
    dt = time.monotonic() - t0
    conn.close()
    return len(bodies) / dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--channels", type=int, default=16)
    ap.add_argument("--window", type=float, default=35, help="seconds of pushes measured with all channels")
    ap.add_argument("--window1", type=float, default=20, help="seconds of pushes measured with one channel")
    ap.add_argument("--no-alone", dest="alone", action="store_false",
                    help="skip the in-process measurement of the delivery part alone")
    ap.add_argument("--backlog", type=int, default=300,
                    help="events to pile up for the drain (bounded by 20 s: a longer outage lengthens the backoff)")
    opt = ap.parse_args()
    if not os.access(os.path.join(DIST, "bin", "megbox"), os.X_OK):
        sys.exit("no distribution: run mvn -B -DskipTests install first")
    alone = delivery_alone(200, 20, 500) if opt.alone else []
    tmp = tempfile.mkdtemp(prefix="megbox-delivery-")
    try:
        clip = clip_path(tmp)
        rtsp, url = start_rtsp(clip, free_port())
        box, base = start_box(tmp)
        rport = free_port()
        receiver = Receiver(rport).start()
        report_alerts_to(base, rport)
        # 1. latency: every push of a window, once all channels analyse; first one channel (the CPU mostly idle),
        # then all of them
        rows = []
        have = 0
        for n, window_s in ((1, opt.window1), (opt.channels, opt.window)):
            add_channels(base, url, have + 1, n, RULE)
            have = n
            time.sleep(5)
            start = len(receiver.snapshot())
            time.sleep(window_s)
            window = receiver.snapshot()[start:]
            lat = [arrived - json.loads(body)["recv_ts"] for arrived, _, _, body in window]
            sizes = [size for _, _, size, _ in window]
            rows.append((n, window_s, len(window), statistics.mean(sizes) / 1024 if sizes else 0, lat))

        # 2. drain: pile up a backlog with the receiver down, stop the source, then let it drain
        receiver.stop()
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20 and main_counters(base).get("backlog", 0) < opt.backlog:
            time.sleep(1)
        rtsp.terminate()
        rtsp.wait(timeout=15)
        time.sleep(3)  # events of frames already in analysis get stored
        backlog = main_counters(base).get("backlog", 0)
        before = main_counters(base)
        receiver = Receiver(rport)
        receiver.pushes = []
        receiver.start()
        t0 = time.monotonic()
        while time.monotonic() - t0 < 75 and main_counters(base).get("backlog", 1) > 0:
            time.sleep(0.5)  # the counters read the backlog from the store: not too often, not to slow the drain
        drained = receiver.snapshot()
        drain_connections = receiver.accepted
        after = main_counters(base)
        # rate from the first to the last push's arrival (the first waits out the sender's backoff)
        span = (drained[-1][0] - drained[0][0]) / 1000 if len(drained) > 1 else float("nan")
        drain_rate = (len(drained) - 1) / span if span and span > 0 else float("nan")
        drain_sizes = [n for _, _, n, _ in drained]

        # 3. baseline: a bare Python post loop, same count and sizes, same receiver
        bodies = [d[3] for d in drained]
        base_rate = baseline(rport, bodies) if bodies else float("nan")
        receiver.stop()

        cores = os.cpu_count()
        print(f"\n{opt.channels} channels of vtest.avi over RTSP (768x576, 10 fps each), perimeter intrusion rule per"
              f" channel (duration 0, cooldown 1 s), one HTTP receiver (persistReport, photo on), {cores} cores.\n")
        print("| channels | window | pushes | body (mean) | frame -> receiver p50 / p90 / p99 / max |")
        print("|---|---|---|---|---|")
        for n, window_s, count, kb, lat in rows:
            print(f"| {n} | {window_s:.0f} s | {count} ({count / window_s:.1f}/s) | {kb:.0f} kB |"
                  f" {pct(lat, 50):.0f} / {pct(lat, 90):.0f} / {pct(lat, 99):.0f} / {max(lat) if lat else 0:.0f} ms |")
        print()
        print("| measure | value |")
        print("|---|---|")
        print(f"| backlog when the receiver came back | {backlog} (counters before: {json.dumps(before)}) |")
        print(f"| drain: pushes received / span | {len(drained)} in {span:.2f} s = **{drain_rate:.0f} events/s**,"
              f" body {statistics.mean(drain_sizes) / 1024 if drain_sizes else 0:.0f} kB mean |")
        print(f"| connections the box opened for the drain | {drain_connections} |")
        print(f"| baseline: bare Python post loop, same bodies, same receiver | {base_rate:.0f} posts/s |")
        print(f"| drain / baseline | {drain_rate / base_rate if base_rate else 0:.2f} |")
        print(f"| counters after the drain | {json.dumps(after)} |")
        if alone:
            print("\nThe delivery part alone (DeliveryBenchmark: real MapDB and HTTP receiver, no video, one JVM):\n")
            for line in alone:
                print(f"- {line}")
    finally:
        stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
