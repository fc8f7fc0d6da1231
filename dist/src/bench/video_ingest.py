#!/usr/bin/env python3
"""Video ingest benchmarks (issue 4, parts 1-2): decode throughput of the box's FFmpeg decoder path against
`ffmpeg -benchmark` on the same clips in the same run, and the resident memory a channel costs in the
running box on an RTSP stream. Targets 127.0.0.1 only; every step is bounded in time.

Usage: dist/src/bench/video_ingest.py [--passes N] [--settle S]   (after mvn -B -DskipTests install)
Needs: ffmpeg, opencv-doc (vtest.avi), the GStreamer RTSP server of shared/tools/rtsp-serve.
Prints Markdown tables to stdout; docs/benchmarks.md ("Video ingest") records a run.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

from benchlib import DIST, PROCS, ROOT, clip_path, cpu_ticks, free_port, rss_kb, start_rtsp, stop_all
from benchlib import http_json as http

VIDEO = os.path.join(ROOT, "bundles", "video")
CHANNEL_STEPS = (1, 4, 16)


def h264_copy(src, tmp):
    """The clip as H.264 (what rtsp-serve streams and what cameras send), transcoded once."""
    out = os.path.join(tmp, "vtest-h264.mp4")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", src, "-an", "-c:v", "libx264", "-preset", "veryfast",
                    "-g", "20", "-bf", "0", "-pix_fmt", "yuv420p", out], check=True, timeout=300)
    return out


def ffmpeg_fps(clip, passes, parallel, threads):
    """Frames per second of `ffmpeg -benchmark -i clip -f null -` (PARALLEL processes at once, wall clock)."""
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-benchmark"]
    if threads:
        cmd += ["-threads", str(threads)]
    cmd += ["-stream_loop", str(passes - 1), "-i", clip, "-f", "null", "-"]
    t0 = time.monotonic()
    ps = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(parallel)]
    frames = 0
    for p in ps:
        _, err = p.communicate(timeout=600)
        m = re.findall(r"frame=\s*(\d+)", err)
        frames += int(m[-1]) if m else 0
    return frames / (time.monotonic() - t0), frames


def decoder_classpath():
    out = os.path.join(tempfile.gettempdir(), "megbox-video-bench.cp")
    for offline in (["-o"], []):
        r = subprocess.run(["mvn", "-B", "-q", *offline, "-f", os.path.join(VIDEO, "pom.xml"),
                            "dependency:build-classpath", "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        if r.returncode == 0:
            break
    with open(out) as f:
        deps = f.read().strip()
    return ":".join([os.path.join(VIDEO, "target", "classes"), os.path.join(VIDEO, "target", "test-classes"), deps])


def box_fps(cp, clip, passes, parallel, mode, tmp):
    r = subprocess.run(["java", "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.cachedir=" + os.path.join(tmp, "jcp"),
                        "-cp", cp, "org.megbox.video.internal.DecodeBench", clip, str(passes), str(parallel), mode],
                       capture_output=True, text=True, timeout=600)
    m = re.search(r"frames=(\d+) seconds=([\d.]+) fps=([\d.]+)", r.stdout)
    if not m:
        sys.exit("DecodeBench failed: " + r.stdout + r.stderr)
    return float(m.group(3)), int(m.group(1))


def measure_memory(clip, tmp, settle):
    port = free_port()
    server, url = start_rtsp(clip, free_port())
    data = os.path.join(tmp, "data")
    box = subprocess.Popen([os.path.join(DIST, "bin", "megbox"), "--port", str(port), "--data", data,
                            "--host", "127.0.0.1"], stdout=open(os.path.join(tmp, "box.log"), "ab"),
                           stderr=subprocess.STDOUT)
    PROCS.append(box)
    base = f"http://127.0.0.1:{port}/v1/MEGBOX"
    t0 = time.monotonic()
    while time.monotonic() - t0 < 60:
        try:
            if http("GET", base + "/videos", timeout=1).get("code") == 0:
                break
        except OSError:
            time.sleep(0.2)
    time.sleep(settle)
    rows = [("0 channels (box idle)", rss_kb(box.pid), None, None)]

    def add(n):
        body = json.dumps({"videoNo": n, "videoName": f"bench_{n}", "url": url, "rotation": 0}).encode()
        assert http("POST", base + "/videos", body)["code"] == 0

    def settle_and_measure(label, channels):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            vs = http("GET", base + "/videos")["data"]["videos"]
            if len(vs) == channels and all(v["videoConStatus"] == 0 for v in vs):
                break
            time.sleep(0.5)
        time.sleep(settle / 2)
        c0, d0 = cpu_ticks(box.pid), sum(http("GET", f"{base}/videos/{n}/ingest")["data"]["framesDecoded"]
                                         for n in range(1, channels + 1))
        t = time.monotonic()
        time.sleep(settle / 2)
        dt = time.monotonic() - t
        c1, d1 = cpu_ticks(box.pid), sum(http("GET", f"{base}/videos/{n}/ingest")["data"]["framesDecoded"]
                                         for n in range(1, channels + 1))
        cpu = (c1 - c0) / os.sysconf("SC_CLK_TCK") / dt * 100
        rows.append((label, rss_kb(box.pid), (d1 - d0) / dt, cpu))

    have = 0
    for target in CHANNEL_STEPS:
        for n in range(have + 1, target + 1):
            add(n)
        have = target
        settle_and_measure(f"{target} channel{'s' if target > 1 else ''}", target)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=5, help="times each decoder reads the clip")
    ap.add_argument("--settle", type=float, default=10, help="seconds per memory/CPU reading")
    opt = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="megbox-video-bench-")
    try:
        clip = clip_path(tmp)
        h264 = h264_copy(clip, tmp)
        cp = decoder_classpath()
        print(f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, --passes {opt.passes}, "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        print("| clip | decoders at once | ffmpeg -threads 1 | ffmpeg (auto threads) | box decode only | "
              "box decode+BGR every frame | box decode+BGR at 5 fps | decode only / ffmpeg -threads 1 |")
        print("|---|---|---|---|---|---|---|---|")
        for name, c in (("vtest.avi (MS-MPEG4v3 768x576)", clip), ("vtest H.264 768x576", h264)):
            for par in (1, 4):
                f1, _ = ffmpeg_fps(c, opt.passes, par, 1)
                fa, _ = ffmpeg_fps(c, opt.passes, par, 0)
                bd, _ = box_fps(cp, c, opt.passes, par, "decode", tmp)
                bb, _ = box_fps(cp, c, opt.passes, par, "bgr", tmp)
                b5, _ = box_fps(cp, c, opt.passes, par, "bgr5", tmp)
                print(f"| {name} | {par} | {f1:.0f} fps | {fa:.0f} fps | {bd:.0f} fps | {bb:.0f} fps | {b5:.0f} fps "
                      f"| {bd / f1:.2f} |")
        print("\n| box with RTSP channels (H.264 768x576, 10 fps, TCP) | VmRSS | RSS over idle | per channel "
              "| frames decoded/s | box CPU |")
        print("|---|---|---|---|---|---|")
        rows = measure_memory(clip, tmp, opt.settle)
        idle = rows[0][1]
        for label, rss, fps, cpu in rows:
            n = int(label.split()[0])
            extra = rss - idle
            print(f"| {label} | {rss / 1024:.0f} MB | {extra / 1024:.0f} MB | "
                  f"{(extra / n / 1024) if n else 0:.1f} MB | {'' if fps is None else f'{fps:.1f}'} | "
                  f"{'' if cpu is None else f'{cpu:.0f} %'} |")
        print(f"\nEach channel after the first: {(rows[2][1] - rows[1][1]) / 3 / 1024:.1f} MB "
              f"((RSS at 4 channels - RSS at 1) / 3), {(rows[3][1] - rows[1][1]) / 15 / 1024:.1f} MB "
              f"((RSS at 16 - RSS at 1) / 15); the first also maps the FFmpeg libraries.")
    finally:
        stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
