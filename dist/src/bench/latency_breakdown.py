#!/usr/bin/env python3
"""Latency breakdown (issue 5): where the time from a frame's arrival to the HTTP receiver goes, per stage, with 1, 4
and 16 RTSP channels of vtest.avi (perimeter intrusion rule over the whole walkway on each). 127.0.0.1 only; bounded
(about 3 minutes with the defaults).

Usage: dist/src/bench/latency_breakdown.py [--steps 1,4,16] [--window 25] [--settle 6] [--dist DIR]
(after mvn -B -DskipTests install). Prints Markdown to stdout; docs/benchmarks.md ("Latency breakdown") records runs.

How: the box runs from a private copy of dist/target/megbox (the engine, events and video jars replaced by those
built in bundles/*/target, so that the shared distribution is not touched) with the DEBUG loggers
org.megbox.latency.* on (-Dorg.slf4j.simpleLogger.log.org.megbox.latency=debug). The engine then logs, for every
event, the wall-clock ms at which its frame was taken from the mailbox, had its detections, had its rules' verdicts
and was handed to the sink; the events store logs when the writer took it off its queue, the ms spent encoding and
writing (fsync included) its pictures, when its batch was committed and when the listeners (delivery) were told.
A Python HTTP receiver (HTTP/1.1 keep-alive, the box's `main` httpReports receiver, photo on) notes each push's
arrival and its X-MegBox-Event-Id. Every stage is a difference of two of those readings (same machine clock);
recv_ts is the frame's arrival in the box (after decoding).
"""
import argparse, glob, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from benchlib import DIST, PROCS, ROOT, clip_path, cpu_ticks, free_port, http_json, report_alerts_to, start_box, add_channels, start_rtsp, stop_all, TICK

RULE = """{"surveillanceEnabled": true, "ruleIndex": 1, "ruleEnable": true, "algType": 14,
 "alertRules": {"proc": "init_rules", "customizedOptions": {
   "area_list": [{"area_type": "polygon", "area_id": 1, "alertor_ids": [1],
     "points": [{"x": 0.0, "y": 0.0}, {"x": 1.0, "y": 0.0}, {"x": 1.0, "y": 1.0}, {"x": 0.0, "y": 1.0}]}],
   "alertor_configs": [{"alertor_id": 1, "alertor_type": ["intrusion"], "target_type": ["person"],
     "target_min": 0, "target_max": 1, "duration": 0, "cooldown_duration": 1, "timeRange": [0, 86400]}]}}}"""

OWN_BUNDLES = ("engine", "events", "video")
LINE = re.compile(r"org\.megbox\.latency\.(engine|events) - stages (.*)$")


class Receiver:
    """The integrator's HTTP endpoint: (arrival ms, event id) of every push."""

    def __init__(self, port):
        self.port, self.pushes, self.lock = port, [], threading.Lock()

    def start(self):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                arrived = time.time() * 1000
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with outer.lock:
                    outer.pushes.append((arrived, int(self.headers.get("X-MegBox-Event-Id", "0"))))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def snapshot(self):
        with self.lock:
            return list(self.pushes)


def private_dist(tmp, source, jars_dir=None):
    """A copy of the distribution with this checkout's engine/events/video jars, or those in jars_dir (A/B runs)."""
    dst = os.path.join(tmp, "megbox")
    shutil.copytree(source, dst, symlinks=True)
    jars = []
    for name in OWN_BUNDLES:
        jars += [j for j in glob.glob(os.path.join(ROOT, "bundles", name, "target", "org.megbox.*.jar"))
                 if not j.endswith(("-tests.jar", "-sources.jar"))][:1]
    if jars_dir:
        given = glob.glob(os.path.join(jars_dir, "org.megbox.*.jar"))
        names = {os.path.basename(j) for j in given}
        jars = [j for j in jars if os.path.basename(j) not in names] + given
    for jar in jars:
        for t in glob.glob(os.path.join(dst, "bundles", "3", os.path.basename(jar).rsplit("-", 2)[0] + "-*.jar")):
            os.remove(t)
        shutil.copy(jar, os.path.join(dst, "bundles", "3"))
    return dst


def parse(log_path):
    """(engine lines by (videoNo, frameId, targetId), events lines by eventId) from the box log."""
    engine, events = {}, {}
    with open(log_path, errors="replace") as f:
        for line in f:
            m = LINE.search(line)
            if not m:
                continue
            kv = dict(p.split("=", 1) for p in m.group(2).split())
            if m.group(1) == "engine":
                engine[(kv["videoNo"], kv["frameId"], kv["targetId"])] = kv
            else:
                events[int(kv["eventId"])] = kv
    return engine, events


STAGES = [  # (label, from, to) of the readings joined per event
    ("recv_ts → taken by the analyzer", "recv", "taken"),
    ("taken → detector done", "taken", "detected"),
    ("detector done → rules done", "detected", "evaluated"),
    ("rules done → handed to the sink (frame copied)", "evaluated", "handed"),
    ("handed → writer takes it (events queue)", "handed", "dequeued"),
    ("writer: JPEG encoding (full + crop)", None, "encodeMs"),
    ("writer: pictures written (the old store fsyncs each here)", None, "writeMs"),
    ("writer took it → pictures written (earlier events of its batch incl.)", "dequeued", "prepared"),
    ("pictures written → batch's pictures durable (one concurrent fsync round)", "prepared", "durable"),
    ("durable → batch committed (MapDB)", "durable", "committed"),
    ("committed → delivery told (listeners)", "committed", "notified"),
    ("told → receiver has the push", "notified", "arrived"),
    ("**total: recv_ts → receiver**", "recv", "arrived"),
]


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def breakdown(pushes, engine, events):
    rows = {label: [] for label, _, _ in STAGES}
    joined = 0
    for arrived, eid in pushes:
        ev = events.get(eid)
        if ev is None:
            continue
        en = engine.get((ev["videoNo"], ev["frameId"], ev["targetId"]))
        if en is None:
            continue
        joined += 1
        r = {k: float(v) for k, v in {**en, **ev}.items() if re.fullmatch(r"-?[\d.]+", v)}
        r["arrived"] = arrived
        r.setdefault("durable", r["prepared"])  # the old store fsyncs each picture as it writes it
        for label, a, b in STAGES:
            rows[label].append(r[b] if a is None else r[b] - r[a])
    return joined, rows


def loadavg():
    with open("/proc/loadavg") as f:
        return " / ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", default="1,4,16")
    ap.add_argument("--window", type=float, default=25)
    ap.add_argument("--settle", type=float, default=6)
    ap.add_argument("--dist", default=DIST, help="distribution to copy (default dist/target/megbox)")
    ap.add_argument("--label", default="", help="a name for this run in the table heads")
    ap.add_argument("--jars", help="a folder of org.megbox.*.jar that replace the built ones (A/B runs)")
    ap.add_argument("--java-opts", default="", help="added to MEGBOX_JAVA_OPTS, e.g. -Dmegbox.engine.threads=1")
    argv = sys.argv[1:]
    for i, a in enumerate(argv[:-1]):  # "--java-opts -Dx=y": a value that starts with a dash
        if a == "--java-opts":
            argv[i:i + 2] = [f"--java-opts={argv[i + 1]}"]
            break
    opt = ap.parse_args(argv)
    steps = [int(s) for s in opt.steps.split(",")]
    if not os.access(os.path.join(opt.dist, "bin", "megbox"), os.X_OK):
        sys.exit("no distribution: run mvn -B -DskipTests install first")
    tmp = tempfile.mkdtemp(prefix="megbox-latency-")
    try:
        dist = private_dist(tmp, opt.dist, opt.jars)
        clip = clip_path(tmp)
        rtsp, url = start_rtsp(clip, free_port())
        log_path = os.path.join(tmp, "box.log")
        env = dict(os.environ)
        env["MEGBOX_JAVA_OPTS"] = " ".join(x for x in (env.get("MEGBOX_JAVA_OPTS", ""), opt.java_opts,
                                                        "-Dorg.slf4j.simpleLogger.log.org.megbox.latency=debug") if x)
        box, base = start_box(tmp, dist, env, log_path)
        rport = free_port()
        receiver = Receiver(rport).start()
        report_alerts_to(base, rport)
        results = []
        have = 0
        for n in steps:
            add_channels(base, url, have + 1, n, RULE)
            have = n
            time.sleep(opt.settle)
            load_before = loadavg()
            delivered0 = sum(http_json("GET", f"{base}/videos/{k}/ingest").get("data", {}).get("framesDelivered", 0)
                             for k in range(1, n + 1))
            cpu0, w0 = cpu_ticks(box.pid), time.monotonic()
            start = len(receiver.snapshot())
            time.sleep(opt.window)
            pushes = receiver.snapshot()[start:]
            cpu = (cpu_ticks(box.pid) - cpu0) / TICK / (time.monotonic() - w0) * 100
            delivered1 = sum(http_json("GET", f"{base}/videos/{k}/ingest").get("data", {}).get("framesDelivered", 0)
                             for k in range(1, n + 1))
            analysed = (delivered1 - delivered0) / opt.window
            time.sleep(3)  # the log lines of the last pushes are flushed
            engine, events = parse(log_path)
            joined, rows = breakdown(pushes, engine, events)
            results.append((n, len(pushes), joined, rows, load_before, loadavg(), cpu, analysed))
        title = f" {opt.label}" if opt.label else ""
        print(f"\nLatency breakdown{title}: vtest.avi over RTSP (768x576, 10 fps), intrusion rule over the whole frame"
              f" per channel (duration 0, cooldown 1 s), one HTTP receiver (persistReport, photo on), "
              f"{os.cpu_count()} cores, window {opt.window:.0f} s per step.\n")
        head = "| stage (ms) | " + " | ".join(f"{n} ch p50 / p99" for n, *_ in results) + " |"
        print(head)
        print("|---" * (len(results) + 1) + "|")
        for label, _, _ in STAGES:
            cells = []
            for n, count, joined, rows, *_ in results:
                v = rows[label]
                cells.append(f"{pct(v, 50):.1f} / {pct(v, 99):.1f}" if v else "–")
            print(f"| {label} | " + " | ".join(cells) + " |")
        print("| pushes in the window (joined with the log) | " + " | ".join(
            f"{count} ({joined})" for n, count, joined, *_ in results) + " |")
        print("| analysed frames/s (all channels) | " + " | ".join(
            f"{r[7]:.1f}" for r in results) + " |")
        print("| box CPU (of 200 %) | " + " | ".join(f"{r[6]:.0f} %" for r in results) + " |")
        print("| load average before → after | " + " | ".join(f"{r[4]} → {r[5]}" for r in results) + " |")
    finally:
        stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
