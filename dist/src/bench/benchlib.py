"""What the benchmark scripts share: paths, a free loopback port, JSON over HTTP, the test clip, the RTSP
test server, /proc readings, and stopping every child process they started. Loopback only."""
import gzip, json, os, shutil, signal, socket, subprocess, sys, time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DIST = os.path.join(ROOT, "dist", "target", "megbox")
# the copy the integration tests use, unless MEGBOX_RTSP_SERVE names another
RTSP_SERVE = os.environ.get("MEGBOX_RTSP_SERVE") or os.path.join(ROOT, "dist", "src", "test", "tools", "rtsp-serve")
VTEST = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"
TICK = os.sysconf("SC_CLK_TCK")
PROCS = []  # every child started through this module or added by a script, stopped by stop_all()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(method, url, body=None, timeout=10):
    """The parsed JSON answer (also of an HTTP error), or {} when the answer is not JSON (server starting)."""
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
    except urllib.error.HTTPError as e:
        raw = e.read()
    try:
        return json.loads(raw)
    except ValueError:
        return {}


def clip_path(tmp):
    """vtest.avi from opencv-doc (gunzipped into tmp where the package ships it compressed)."""
    if os.path.exists(VTEST):
        return VTEST
    out = os.path.join(tmp, "vtest.avi")
    with gzip.open(VTEST + ".gz") as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def start_rtsp(clip, port):
    """Starts the RTSP test server on clip; returns (process, rtsp url) once it serves."""
    p = subprocess.Popen([RTSP_SERVE, clip, str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    PROCS.append(p)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 180:
        line = p.stdout.readline()
        if not line:
            sys.exit("rtsp-serve ended")
        if line.startswith("serving rtsp://"):
            return p, line.split()[1]
    sys.exit("rtsp-serve did not start")


def stop_all():
    """SIGTERM every child still running, then kill what has not exited within 15 s."""
    for p in PROCS:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in PROCS:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()


def start_box(tmp, dist=DIST, env=None, log=None):
    """Starts dist's bin/megbox on a free loopback port with its data folder in tmp; returns (process, REST base
    URL) once GET /videos answers (at most 90 s)."""
    port = free_port()
    box = subprocess.Popen([os.path.join(dist, "bin", "megbox"), "--port", str(port), "--data",
                            os.path.join(tmp, "data"), "--host", "127.0.0.1"], env=env,
                           stdout=open(log or os.path.join(tmp, "box.log"), "ab"), stderr=subprocess.STDOUT)
    PROCS.append(box)
    base = f"http://127.0.0.1:{port}/v1/MEGBOX"
    t0 = time.monotonic()
    while time.monotonic() - t0 < 90:
        try:
            if http_json("GET", base + "/videos", timeout=1).get("code") == 0:
                break
        except OSError:
            pass
        time.sleep(0.3)
    return box, base


def report_alerts_to(base, receiver_port):
    """Makes http://127.0.0.1:<receiver_port>/alerts the box's main HTTP receiver of alerts, with the full picture
    and retries until delivered (§4.1.5 persistReport)."""
    r = http_json("POST", base + "/devices/httpReports", json.dumps({"enable": True, "main": {
        "url": f"http://127.0.0.1:{receiver_port}/alerts", "captureUpload": True, "bigCaptureUpload": True,
        "eventType": 2, "interval": 1, "persistReport": True}}))
    assert r.get("code") == 0, r


def add_channels(base, url, first, last, rule):
    """Adds channels first..last playing url, each with the rule (§26 multiAlert JSON string), and returns once every
    channel 1..last has delivered a frame (at most 60 s each wait)."""
    for k in range(first, last + 1):
        r = http_json("POST", base + "/videos", json.dumps({"videoNo": k, "videoName": f"cam_{k}",
                                                            "url": url, "rotation": 0}))
        assert r.get("code") == 0, r
        t0 = time.monotonic()  # the warehouses start after the REST endpoints: algType 14 may not exist yet
        while (r := http_json("POST", f"{base}/multiAlgVideos/{k}/multiAlert", rule)).get("code") != 0 \
                and time.monotonic() - t0 < 60:
            time.sleep(0.5)
        assert r.get("code") == 0, r
    t0 = time.monotonic()
    while time.monotonic() - t0 < 60:
        if all(http_json("GET", f"{base}/videos/{k}/ingest").get("data", {}).get("framesDelivered", 0) > 0
               for k in range(1, last + 1)):
            break
        time.sleep(0.5)
