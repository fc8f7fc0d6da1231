#!/usr/bin/env python3
"""Foundation benchmarks of the box (issue 3): start -> first 200, idle RSS, warehouse install/remove
-> visible in /getAlgInfos, and GET /getAlgInfos throughput against a bare servlet on the same Jetty
in the same run. Targets 127.0.0.1 only; every load is bounded in time.

Usage: dist/src/bench/foundation.py [--runs N] [--seconds S]   (after mvn -B -DskipTests install)
Prints a Markdown table to stdout; docs/benchmarks.md records a run.
"""
import argparse, glob, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
import urllib.request, uuid

from benchlib import free_port

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DIST = os.path.join(ROOT, "dist", "target", "megbox")


def http(method, url, body=None, headers=None, timeout=10):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def multipart(field, filename, content):
    boundary = "bench-" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/java-archive\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


STARTED = []  # every box process, so a failed run leaves none behind


class Box:
    def __init__(self, dist, data):
        self.dist, self.data, self.port, self.proc = dist, data, free_port(), None

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self, any_answer=False):
        """Seconds from process launch to the first HTTP 200 of GET /getAlgInfos (or any HTTP answer)."""
        t0 = time.monotonic()
        self.proc = subprocess.Popen([os.path.join(self.dist, "bin", "megbox"), "--port", str(self.port),
                                      "--data", self.data, "--host", "127.0.0.1"],
                                     stdout=open(self.data + ".log", "ab"), stderr=subprocess.STDOUT)
        STARTED.append(self.proc)
        while time.monotonic() - t0 < 60:
            try:
                if http("GET", self.url("/v1/MEGBOX/getAlgInfos"), timeout=1)[0] == 200 or any_answer:
                    return time.monotonic() - t0
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError("box did not answer 200 within 60 s; see " + self.data + ".log")

    def rss_mb(self):
        # bin/megbox exec's java, so the pid is the JVM's
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
        return float("nan")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)

    def alg_types(self):
        status, body = http("GET", self.url("/v1/MEGBOX/getAlgInfos"))
        return [a["alg_type"] for a in json.loads(body)["data"]["alg_infos"]]


def wait_until(pred, limit=30.0):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if pred():
            return time.monotonic() - t0
        time.sleep(0.001)
    raise RuntimeError("condition not met within %.0f s" % limit)


def wrk(url, seconds):
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float([l for l in out.splitlines() if l.startswith("Requests/sec")][0].split()[1])
    p99 = [l for l in out.splitlines() if l.strip().startswith("99%")]
    return rps, (p99[0].split()[1] if p99 else "?")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=10)
    opt = ap.parse_args()
    if not os.path.isdir(DIST):
        sys.exit("no box at %s: run mvn -B -DskipTests install first" % DIST)
    bench_jar = glob.glob(os.path.join(ROOT, "bundles", "bench", "target", "org.megbox.bench-*.jar"))
    test_jar = [j for j in glob.glob(os.path.join(ROOT, "alg-warehouse", "test-warehouse", "target",
                                                  "org.megbox.alg.testwarehouse-*.jar")) if "sources" not in j]
    if not bench_jar or not test_jar:
        sys.exit("bench or test-warehouse jar missing: build the reactor first")
    work = tempfile.mkdtemp(prefix="megbox-bench-")
    dist = os.path.join(work, "megbox")
    shutil.copytree(DIST, dist)
    shutil.copy(bench_jar[0], os.path.join(dist, "bundles", "3"))
    test_bytes = open(test_jar[0], "rb").read()
    # baseline for start-up: the same launcher, Felix and Jetty with no MegBox bundle and no warehouse
    bare = os.path.join(work, "bare")
    shutil.copytree(DIST, bare)
    for d in (os.path.join(bare, "bundles", "3"), os.path.join(bare, "warehouses")):
        for j in glob.glob(os.path.join(d, "*.jar")):
            os.remove(j)
    rows = []
    try:
        # 1. start -> first 200: a fresh data folder each time (first start) and a restart on it (cached)
        cold, warm, rss, base_cold, base_warm = [], [], [], [], []
        for i in range(opt.runs):
            base = Box(bare, os.path.join(work, f"bare{i}"))
            base_cold.append(base.start(any_answer=True))
            base.stop()
            base_warm.append(base.start(any_answer=True))
            base.stop()
            box = Box(dist, os.path.join(work, f"data{i}"))
            cold.append(box.start())
            box.stop()
            warm.append(box.start())
            time.sleep(5)  # idle: let start-up garbage settle
            rss.append(box.rss_mb())
            box.stop()
        rows.append(("baseline: Felix + Jetty alone, first HTTP answer, fresh / restart",
                     "%.2f s / %.2f s" % (statistics.median(base_cold), statistics.median(base_warm)), ""))
        rows.append(("start -> first 200, fresh data folder (median of %d)" % opt.runs,
                     "%.2f s (%.2fx baseline)" % (statistics.median(cold),
                                                  statistics.median(cold) / statistics.median(base_cold)), "< 1.5 s"))
        rows.append(("start -> first 200, restart on the same data (median of %d)" % opt.runs,
                     "%.2f s (%.2fx baseline)" % (statistics.median(warm),
                                                  statistics.median(warm) / statistics.median(base_warm)), "< 1.5 s"))
        rows.append(("idle RSS after 5 s (median of %d)" % opt.runs, "%.0f MB" % statistics.median(rss), "< 200 MB"))

        # 2. install/remove -> visible in /getAlgInfos
        box = Box(dist, os.path.join(work, "data-swap"))
        box.start()
        inst, rem, drop_in, drop_out = [], [], [], []
        for _ in range(10):
            body, headers = multipart("file", "test.jar", test_bytes)
            t0 = time.monotonic()
            st, _ = http("POST", box.url("/v1/MEGBOX/warehouses"), body, headers)
            assert st == 200, st
            wait_until(lambda: 90 in box.alg_types())
            inst.append(time.monotonic() - t0)
            t0 = time.monotonic()
            st, _ = http("DELETE", box.url("/v1/MEGBOX/warehouses/org.megbox.alg.testwarehouse"))
            assert st == 200, st
            wait_until(lambda: 90 not in box.alg_types())
            rem.append(time.monotonic() - t0)
        deploy = os.path.join(box.data, "deploy")
        for _ in range(5):
            tmp = os.path.join(work, "drop.tmp")
            open(tmp, "wb").write(test_bytes)
            t0 = time.monotonic()
            os.rename(tmp, os.path.join(deploy, "vendor.jar"))
            wait_until(lambda: 90 in box.alg_types())
            drop_in.append(time.monotonic() - t0)
            t0 = time.monotonic()
            os.remove(os.path.join(deploy, "vendor.jar"))
            wait_until(lambda: 90 not in box.alg_types())
            drop_out.append(time.monotonic() - t0)
        ms = lambda xs: "%.0f ms" % (1000 * statistics.median(xs))
        rows.append(("REST install -> visible in /getAlgInfos (median of 10)", ms(inst), "< 200 ms"))
        rows.append(("REST remove -> gone from /getAlgInfos (median of 10)", ms(rem), "< 200 ms"))
        rows.append(("drop-folder copy -> visible (median of 5; includes the poll interval)", ms(drop_in), "< 200 ms"))
        rows.append(("drop-folder delete -> gone (median of 5)", ms(drop_out), "< 200 ms"))

        # 3. throughput: /getAlgInfos against the bare servlet, same Jetty, same run, warmed up
        for u in ("/bench/bare", "/v1/MEGBOX/getAlgInfos"):
            wrk(box.url(u), 3)
        bare, bare_p99 = wrk(box.url("/bench/bare"), opt.seconds)
        alg, alg_p99 = wrk(box.url("/v1/MEGBOX/getAlgInfos"), opt.seconds)
        size = len(http("GET", box.url("/v1/MEGBOX/getAlgInfos"))[1])
        rows.append(("GET /bench/bare (baseline, 16 connections, %d s)" % opt.seconds,
                     "%.0f req/s (p99 %s)" % (bare, bare_p99), ""))
        rows.append(("GET /v1/MEGBOX/getAlgInfos (%d-byte answer)" % size,
                     "%.0f req/s (p99 %s)" % (alg, alg_p99), ""))
        rows.append(("ratio getAlgInfos / bare servlet", "%.2f" % (alg / bare), ""))
        box.stop()
    finally:
        for proc in STARTED:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        shutil.rmtree(work, ignore_errors=True)

    print("| measure | result | goal |\n|---|---|---|")
    for r in rows:
        print("| %s | %s | %s |" % r)
    print("\nload average at the end: %s" % open("/proc/loadavg").read().split()[:3])
    print("machine: %d cores, %s" % (os.cpu_count(), subprocess.run(["java", "-version"], capture_output=True,
                                                                    text=True).stderr.splitlines()[0]))


if __name__ == "__main__":
    main()
