#!/usr/bin/python3
"""Face search benchmark (issue 6, "Tests and figures"): top-k search time of the box's FaceIndex (int8 scan on all
cores, exact re-rank) at 100k and 1M faces against a FAISS IndexFlatIP baseline in the same run, on the SAME random
unit vectors (written once to a file both read), with the same queries; whether both return the same top-k on every
query; memory per face. Everything runs locally; every step is bounded in time.

Usage: /usr/bin/python3 dist/src/bench/face_search.py [--queries N] [--k 5] [--sizes 100000,1000000] [--dim 128]
                                                    [--big 100000x1024] [--seed 6]
  (after `mvn -B -o -q install -pl bundles/faces -am -DskipTests`, which also compiles the bench main in the tests)
Needs: Debian python3-faiss (1.7.3) and python3-numpy for /usr/bin/python3 (the script re-runs itself with it).
Prints Markdown to stdout; docs/benchmarks.md ("Faces (issue 6)") records a run.

Ours: FaceSearchBench (bundles/faces tests) builds the index in one JVM (put every row, sync, close), then a fresh
JVM (-XX:+UseSerialGC, as the box) opens it, runs the queries twice to warm the JIT and then once timed, one query at
a time, on all cores and then again with one scan thread. FAISS: IndexFlatIP.add of the same rows, one query per search() call, timed the same way after a warm-up;
its batched rate (all queries in one call, BLAS) is shown for reference only, the box answers one query at a time.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])  # faiss and numpy are Debian packages

import numpy as np  # noqa: E402

from benchlib import ROOT  # noqa: E402

FACES = os.path.join(ROOT, "bundles", "faces", "target")
MAIN = "org.megbox.faces.internal.index.FaceSearchBench"


def unit_rows(rng, n, d, path):
    """n random unit vectors (float32 little-endian, row-major) into path, written in slices to bound memory."""
    with open(path, "wb") as f:
        for start in range(0, n, 100_000):
            x = rng.standard_normal((min(100_000, n - start), d), dtype=np.float32)
            x /= np.linalg.norm(x, axis=1, keepdims=True)
            x.astype("<f4").tofile(f)


CLASSPATH = []  # a private copy of the compiled classes: a build of bundles/faces during the run cannot pull them away


def copy_classes(tmp):
    for part in ("classes", "test-classes"):
        dst = os.path.join(tmp, part)
        shutil.copytree(os.path.join(FACES, part), dst)
        CLASSPATH.append(dst)


def java(*args, timeout):
    cp = os.pathsep.join(CLASSPATH)
    r = subprocess.run(["java", "-XX:+UseSerialGC", "-cp", cp, MAIN, *map(str, args)], capture_output=True,
                       text=True, timeout=timeout)
    if r.returncode != 0:
        sys.exit(f"FaceSearchBench {args[0]} failed:\n{r.stdout}{r.stderr}")
    return dict(kv.split("=", 1) for kv in r.stdout.split() if "=" in kv)


def ours(tmp, vectors, queries, n, d, q, k):
    index = os.path.join(tmp, f"index-{n}x{d}")
    built = java("build", index, vectors, n, d, timeout=300)
    out = os.path.join(tmp, f"ours-{n}x{d}.txt")
    found = java("search", index, queries, q, d, k, out, min(q, 10), timeout=300)
    with open(out) as f:
        ids = [[int(x) for x in line.split()] for line in f]
    disk = sum(os.stat(os.path.join(index, f)).st_blocks * 512 for f in os.listdir(index))  # chunk tails are sparse
    shutil.rmtree(index, ignore_errors=True)
    return built, found, ids, disk


def rss_anon_kb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("RssAnon:"))


def faiss_run(vectors, queries, n, d, q, k):
    import faiss
    xb = np.memmap(vectors, dtype="<f4", mode="r", shape=(n, d))
    xq = np.fromfile(queries, dtype="<f4").reshape(q, d)
    rss0 = rss_anon_kb()
    index = faiss.IndexFlatIP(d)
    for start in range(0, n, 100_000):  # the index holds its own copy; the file's pages are not counted (RssAnon)
        index.add(np.ascontiguousarray(xb[start:start + 100_000]))
    rss1 = rss_anon_kb()
    del xb
    for i in range(min(q, 5)):  # warm-up
        index.search(xq[i:i + 1], k)
    ms, ids = [], []
    for i in range(q):
        t = time.perf_counter()
        _, found = index.search(xq[i:i + 1], k)
        ms.append((time.perf_counter() - t) * 1000)
        ids.append([int(x) for x in found[0]])
    t = time.perf_counter()
    index.search(xq, k)
    batched = (time.perf_counter() - t) * 1000 / q
    return ms, ids, batched, (rss1 - rss0) * 1024 / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--big", default="100000x1024", help="one more size NxD, or '' for none")
    ap.add_argument("--seed", type=int, default=6)
    opt = ap.parse_args()
    if not os.path.exists(os.path.join(FACES, "test-classes", *MAIN.split(".")) + ".class"):
        sys.exit("build first: mvn -B -o -q install -pl bundles/faces -am -DskipTests")
    import faiss
    runs = [(int(s), opt.dim) for s in opt.sizes.split(",") if s]
    if opt.big:
        runs.append(tuple(int(x) for x in opt.big.split("x")))
    tmp = tempfile.mkdtemp(prefix="megbox-face-bench-")
    started = time.monotonic()
    try:
        copy_classes(tmp)
        print(f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {opt.queries} queries, top-{opt.k}, "
              f"seed {opt.seed}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, "
              f"FAISS {faiss.__version__} ({faiss.omp_get_max_threads()} OpenMP threads)\n")
        print(f"| faces × dim | ours p50 (p90) ms/query, {os.cpu_count()} threads | ours p50, 1 thread "
              "| FAISS IndexFlatIP p50 (p90) | ours / FAISS (p50) | ours 1 thread / FAISS | same top-k as FAISS "
              "| ours = exact scan | FAISS batched ms/query | ours: disk bytes/face, RSS growth/face at open "
              "| FAISS RSS growth/face | ours: build s, open s |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for n, d in runs:
            rng = np.random.default_rng([opt.seed, n, d])
            vectors, queries = os.path.join(tmp, f"base-{n}x{d}.f32"), os.path.join(tmp, f"queries-{d}.f32")
            unit_rows(rng, n, d, vectors)
            unit_rows(rng, opt.queries, d, queries)
            built, found, our_ids, disk = ours(tmp, vectors, queries, n, d, opt.queries, opt.k)
            ms, faiss_ids, batched, faiss_bytes = faiss_run(vectors, queries, n, d, opt.queries, opt.k)
            os.remove(vectors)
            same_order = sum(a == b for a, b in zip(our_ids, faiss_ids))
            same_set = sum(set(a) == set(b) for a, b in zip(our_ids, faiss_ids))
            f50, f90 = statistics.median(ms), sorted(ms)[len(ms) * 9 // 10]
            o50, o90 = float(found["p50"]), float(found["p90"])
            rss_open = (int(found["rssOpenKb"]) - int(found["rssBeforeKb"])) * 1024 / n
            same = f"{same_order}/{opt.queries}" + ("" if same_set == same_order else f" (as sets {same_set})")
            one = float(found["oneThreadP50"])
            print(f"| {n:,} × {d} | {o50:.1f} ({o90:.1f}) | {one:.1f} | {f50:.1f} ({f90:.1f}) | {o50 / f50:.2f} "
                  f"| {one / f50:.2f} | {same} | {found['exactSame']} | {batched:.1f} "
                  f"| {disk / n:.0f} B, {rss_open:.0f} B | {faiss_bytes:.0f} B "
                  f"| {float(built['seconds']):.1f}, {float(found['openSeconds']):.2f} |", flush=True)
            if found["widened"] != "0":
                print(f"\n({n}×{d}: {found['widened']} searches re-scanned with more candidates)", flush=True)
        print(f"\nTotal {time.monotonic() - started:.0f} s; load average at the end {os.getloadavg()[0]:.1f}.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
