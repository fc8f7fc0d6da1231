#!/usr/bin/env python3
"""Analysis benchmark (issue 4, "Tests and figures"): analysed frames per second on 1, 4 and 16 RTSP channels of
vtest.avi, each with a perimeter intrusion rule (NanoDet per analysed frame, engine tracking and geometry), against
ffmpeg's decode-only rate of the same file measured in the same run; CPU per analysed frame; resident memory per
channel. Targets 127.0.0.1 only; every step is bounded in time.

Usage: dist/src/bench/analysis.py [--window S] [--settle S] [--steps 1,4,16]   (after mvn -B -DskipTests install)
Needs: ffmpeg, opencv-doc (vtest.avi), shared/tools/rtsp-serve (GStreamer RTSP server; one server, one mount,
every channel a client of it). Prints Markdown to stdout; docs/benchmarks.md ("Analysis") records a run.

Analysed frames are read from the box's own counters: GET /videos/{n}/ingest framesDelivered = frames the
channel's subscribers took (the engine is the only subscriber here: it takes a frame, analyses it, takes the next),
framesDecoded = frames the channel decoded, framesDropped = converted frames replaced before anyone took them.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

from benchlib import DIST, PROCS, TICK, add_channels, clip_path, cpu_ticks, free_port, rss_kb, start_box, stop_all
from benchlib import http_json as http
from benchlib import start_rtsp as start_rtsp_server

RULE = """{"surveillanceEnabled": true, "ruleIndex": 1, "ruleEnable": true, "algType": 14,
 "alertRules": {"proc": "init_rules", "customizedOptions": {
   "area_list": [{"area_type": "polygon", "area_id": 1, "alertor_ids": [1],
     "points": [{"x": 0.05, "y": 0.42}, {"x": 0.95, "y": 0.42}, {"x": 0.95, "y": 0.98}, {"x": 0.05, "y": 0.98}]}],
   "alertor_configs": [{"alertor_id": 1, "alertor_type": ["intrusion"], "target_type": ["person"],
     "target_min": 0, "target_max": 1, "duration": 1, "cooldown_duration": 3, "timeRange": [0, 86400]}]}}}"""


def ffmpeg_fps(clip, parallel, passes=3):
    """Decode-only frames per second of `ffmpeg -i clip -f null -`, PARALLEL processes at once (wall clock)."""
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-stream_loop", str(passes - 1), "-i", clip, "-f", "null", "-"]
    t0 = time.monotonic()
    ps = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(parallel)]
    frames = 0
    for p in ps:
        _, err = p.communicate(timeout=600)
        m = re.findall(r"frame=\s*(\d+)", err)
        frames += int(m[-1]) if m else 0
    return frames / (time.monotonic() - t0)


def cpu_seconds(pid):
    return cpu_ticks(pid) / TICK


def start_rtsp(clip, port):
    return start_rtsp_server(clip, port)[1]


def ingest(base, n):
    return http("GET", f"{base}/videos/{n}/ingest").get("data", {})


def snapshot(base, pid, channels):
    return time.monotonic(), cpu_seconds(pid), {n: ingest(base, n) for n in range(1, channels + 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--window", type=float, default=20, help="seconds measured per step")
    ap.add_argument("--settle", type=float, default=8, help="seconds after all channels analyse, before measuring")
    ap.add_argument("--steps", default="1,4,16")
    opt = ap.parse_args()
    steps = [int(s) for s in opt.steps.split(",")]
    if not os.access(os.path.join(DIST, "bin", "megbox"), os.X_OK):
        sys.exit("no distribution: run mvn -B -DskipTests install first")
    tmp = tempfile.mkdtemp(prefix="megbox-analysis-")
    try:
        clip = clip_path(tmp)
        decode = {n: ffmpeg_fps(clip, n) for n in sorted(set(steps))}
        url = start_rtsp(clip, free_port())
        box, base = start_box(tmp)
        time.sleep(3)
        idle = rss_kb(box.pid)
        rows = []
        have = 0
        for n in steps:
            add_channels(base, url, have + 1, n, RULE)
            have = n
            time.sleep(opt.settle)
            ta, ca, a = snapshot(base, box.pid, n)
            time.sleep(opt.window)
            tb, cb, b = snapshot(base, box.pid, n)
            dt = tb - ta
            analysed = [(b[k]["framesDelivered"] - a[k]["framesDelivered"]) / dt for k in range(1, n + 1)]
            decoded = [(b[k]["framesDecoded"] - a[k]["framesDecoded"]) / dt for k in range(1, n + 1)]
            dropped = [(b[k]["framesDropped"] - a[k]["framesDropped"]) / dt for k in range(1, n + 1)]
            total = sum(analysed)
            cpu = (cb - ca) / dt
            rows.append((n, total, min(analysed), sum(decoded), sum(dropped), cpu,
                         (cb - ca) * 1000 / max(1, total * dt), rss_kb(box.pid), decode[n]))
        cores = os.cpu_count()
        print(f"\nvtest.avi 768x576 over RTSP (rtsp-serve, H.264, 10 fps per client), perimeter intrusion rule per"
              f" channel (alg_frame_rate 8 fps asked), {cores} cores, box idle RSS {idle / 1024:.0f} MB.\n")
        print("| channels | analysed fps (total) | per channel (min) | decoded fps in box (total) | analysed / decoded"
              " | ffmpeg decode-only fps, same file, N processes | analysed / ffmpeg | box CPU | CPU ms per analysed frame"
              " | VmRSS | RSS over idle per channel |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for n, total, low, dec, drop, cpu, ms, rss, ff in rows:
            print(f"| {n} | {total:.1f} | {low:.1f} | {dec:.1f} | {total / dec if dec else 0:.2f} | {ff:.0f} |"
                  f" {total / ff:.3f} | {cpu * 100:.0f} % | {ms:.1f} | {rss / 1024:.0f} MB |"
                  f" {(rss - idle) / n / 1024:.1f} MB |")
        if len(rows) > 1:
            first = rows[0]
            last = rows[-1]
            print(f"\nEach channel after the first: {(last[7] - first[7]) / (last[0] - first[0]) / 1024:.1f} MB "
                  f"((RSS at {last[0]} - RSS at {first[0]}) / {last[0] - first[0]}); the first also loads the ONNX "
                  f"session and maps FFmpeg.")
    finally:
        stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
