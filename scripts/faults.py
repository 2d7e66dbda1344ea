#!/usr/bin/env python3
"""Faults tried the Jepsen way: judges send sheets while the server dies.

Judges (threads, standard library only) submit sheets to a real `kheo serve`
with tablet-style retries: a sheet with no answer (the server died under
it) is sent again, with the same version, until it is acknowledged. A
killer meanwhile SIGKILLs the server again and again at random moments and
restarts it. With PostgreSQL there are two instances (judges fail over to
the other, as behind a load balancer), the killer alternates between them,
and once it kills PostgreSQL itself (`pg_ctlcluster stop -m immediate`).
With --power (SQLite) each kill is a power cut: the server runs with
scripts/powercut/powercut.so preloaded, and before it starts again every
write it had not synced is taken back (`powercut_restore`), so the database
is what the disk would hold; then `PRAGMA integrity_check` on a copy.
With --outage (PostgreSQL) nothing is killed: PostgreSQL itself goes away
under two instances, 1,000 stream viewers and the judges, once by
`pg_ctlcluster restart` and once by `stop -m immediate` with a 20 s gap.
With --disk (SQLite, as root) the database and its rolling copies live on a
small tmpfs that is filled up while the judges send (`disk_full`).

At the end every stored sheet is compared with what the judges sent:
  lost        an acknowledged version that is not stored nor overtaken (must be 0)
  phantom     a stored sheet no judge ever sent (must be 0)
  duplicated  two stored sheets for one judge and team (must be 0)
  ledger      `kheo verify` on the contest (must hold)
A sheet whose answer was lost in a kill is sent again with the same version
until acknowledged: the retry finds it stored (or stores it) and changes
nothing, so every sheet sent ends acknowledged.

  python3 scripts/faults.py --bin target/debug/kheo --db sqlite --kills 20
  python3 scripts/faults.py --bin target/debug/kheo --db sqlite --kills 20 --power
  python3 scripts/faults.py --bin target/debug/kheo --db sqlite --disk
  python3 scripts/faults.py --bin target/debug/kheo --db postgres \\
      --pg postgres://kheo:kheo@127.0.0.1:5432/postgres --kills 20
Exit 0 when everything holds.
"""

import argparse
import asyncio
import http.cookiejar
import json
import os
import random
import resource
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ADMIN, ADMIN_PASSWORD = "faults-admin", "faults-admin-password-2026"
JUDGE_PASSWORD = "faults-judge-password"
STEP = 0.25


def log(*a):
    print("[faults]", *a, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Http:
    """One person's cookie jar, as a browser keeps it."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method, url, body=None, timeout=15):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")


class Server:
    """One `kheo serve` instance that can be killed and started again."""

    def __init__(self, binary, env, port, logfile):
        self.binary, self.env, self.port, self.logfile = binary, env, port, logfile
        self.proc = None
        self.base = f"http://127.0.0.1:{port}/api/v1"

    def start(self, wait=60):
        env = dict(os.environ, **self.env, KHEO_ADDR=f"127.0.0.1:{self.port}", KHEO_LOG="warn")
        out = open(self.logfile, "ab")
        self.proc = subprocess.Popen([self.binary, "serve"], env=env, stdout=out, stderr=out)
        deadline = time.time() + wait
        while time.time() < deadline:
            if self.proc.poll() is not None:
                # PostgreSQL may still be recovering: try again.
                time.sleep(0.5)
                self.proc = subprocess.Popen([self.binary, "serve"], env=env, stdout=out, stderr=out)
                continue
            try:
                urllib.request.urlopen(self.base + "/contests", timeout=2).read()
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError(f"the server on port {self.port} did not start; see {self.logfile}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


POWERCUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "powercut")
UNDO_MAGIC = 0x4b48454f554e444f


def powercut_build(out_dir):
    """The preload library, built from its source on this machine."""
    lib = os.path.join(out_dir, "powercut.so")
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", lib, os.path.join(POWERCUT, "powercut.c"), "-ldl",
                    "-lpthread"], check=True)
    return lib


def powercut_restore(directory):
    """Take back every write not synced before the cut: each file's undo log
    applied newest first. Returns (writes dropped, bytes they had changed)."""
    writes = changed = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".undo"):
            continue
        undo = os.path.join(directory, name)
        target = undo[: -len(".undo")]
        data = open(undo, "rb").read()
        records, at = [], 0
        while at + 32 <= len(data):
            magic, offset, size, length = struct.unpack_from("<4Q", data, at)
            if magic != UNDO_MAGIC or at + 32 + length > len(data):
                break
            records.append((offset, size, data[at + 32: at + 32 + length]))
            at += 32 + length
        if os.path.exists(target):
            with open(target, "r+b") as f:
                for offset, size, old in reversed(records):
                    f.seek(offset)
                    f.write(old)
                    f.truncate(size)
                    changed += max(len(old), 1)
        writes += len(records)
        os.unlink(undo)
    return writes, changed


def powercut_selftest(lib):
    """The harness's own test: a write after the last fsync must be gone."""
    d = tempfile.mkdtemp(prefix="kheo-powercut-")
    path = os.path.join(d, "t.db")
    code = ("import os,signal\n"
            f"fd=os.open({path!r},os.O_RDWR|os.O_CREAT)\n"
            "os.pwrite(fd,b'A'*4096,0); os.fsync(fd)\n"
            "os.pwrite(fd,b'B'*100,0); os.pwrite(fd,b'C'*4096,4096); os.ftruncate(fd,6000)\n"
            "os.kill(os.getpid(),signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, LD_PRELOAD=lib, POWERCUT_DIR=d))
    before = open(path, "rb").read()
    dropped = powercut_restore(d)
    after = open(path, "rb").read()
    shutil.rmtree(d, ignore_errors=True)
    if not (before.startswith(b"B" * 100) and len(before) == 6000 and after == b"A" * 4096 and dropped[0] == 3):
        raise RuntimeError(f"the power-cut shim does not drop unsynced writes: {len(before)} bytes before, "
                           f"{after[:8]!r}… {len(after)} after, {dropped}")
    log("power-cut shim checked: a write after the last fsync is gone after the cut")


def integrity(db_path):
    """PRAGMA integrity_check on a copy, so the check never changes the files."""
    d = tempfile.mkdtemp(prefix="kheo-integrity-")
    for suffix in ("", "-wal"):
        if os.path.exists(db_path + suffix):
            shutil.copyfile(db_path + suffix, os.path.join(d, "c.db" + suffix))
    con = sqlite3.connect(os.path.join(d, "c.db"))
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as e:
        result = f"error: {e}"
    con.close()
    shutil.rmtree(d, ignore_errors=True)
    return result


class Viewers(threading.Thread):
    """Stream viewers as a browser's EventSource: each keeps the last frame's
    version and, when its connection drops, connects again after a second."""

    def __init__(self, servers, contest_id, count):
        super().__init__(daemon=True)
        self.servers, self.cid, self.count = servers, contest_id, count
        self.frames = [[] for _ in range(count)]  # (time, version) per viewer
        self.drops = [[] for _ in range(count)]  # (dropped at, first frame again at)
        self.stop_at = None
        self.ready = threading.Event()

    def run(self):
        asyncio.run(self.main())

    async def main(self):
        tasks = [asyncio.create_task(self.viewer(i)) for i in range(self.count)]
        while self.stop_at is None or time.time() < self.stop_at:
            if not self.ready.is_set() and all(self.frames[i] for i in range(self.count)):
                self.ready.set()
            await asyncio.sleep(0.1)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def viewer(self, i):
        server = self.servers[i % len(self.servers)]
        path = f"/api/v1/contests/{self.cid}/leaderboard/stream"
        while True:
            try:
                r, w = await asyncio.open_connection("127.0.0.1", server.port)
                w.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".encode())
                await w.drain()
                while True:
                    line = await r.readline()
                    if not line:
                        break
                    if line.startswith(b"id: "):
                        now = time.time()
                        if self.drops[i] and self.drops[i][-1][1] is None:
                            self.drops[i][-1] = (self.drops[i][-1][0], now)
                        self.frames[i].append((now, int(line[4:].strip())))
                w.close()
            except (OSError, asyncio.IncompleteReadError):
                pass
            self.drops[i].append((time.time(), None))
            await asyncio.sleep(1)


def contest_version(servers, cid):
    for s in servers:
        try:
            with urllib.request.urlopen(f"{s.base}/contests/{cid}/leaderboard", timeout=5) as r:
                return json.loads(r.read())["version"]
        except Exception:  # noqa: BLE001 — the other instance may answer
            continue
    return None


def pg_outage(cluster, how, gap, servers, cid, judges):
    """PostgreSQL goes away and comes back; returns when it is back, the
    version before, and the time to the first sheet acknowledged after."""
    before = contest_version(servers, cid)
    went = time.time()
    if how == "restart":
        cluster.ctl("restart")
    else:
        cluster.ctl("stop", "-m", "immediate")
        time.sleep(gap)
        cluster.ctl("start")
    cluster.wait_ready()
    back = time.time()
    first = None
    for _ in range(600):
        after = [t for j in judges for t in list(j.acked_at) if t > back]
        if after:
            first = min(after) - back
            break
        time.sleep(0.05)
    return {"how": how, "went": went, "back": back, "before": before, "first_ack": first}


def outage_check(viewers, servers, cid, outages):
    """After the judges stop: every viewer on both instances holds the
    contest's last version; how long the viewers took after each return."""
    lines, ok = [], True
    final = contest_version(servers, cid)
    deadline = time.time() + 20
    while time.time() < deadline:
        if all(f and f[-1][1] == final for f in viewers.frames):
            break
        time.sleep(0.2)
    viewers.stop_at = time.time()
    viewers.join(30)
    behind = sum(1 for f in viewers.frames if not f or f[-1][1] != final)
    regressed = sum(1 for f in viewers.frames if any(b[1] < a[1] for a, b in zip(f, f[1:])))
    ok = behind == 0 and regressed == 0
    lines.append(("" if behind == 0 else "FAILED: ") +
                 f"{len(viewers.frames)} viewers on {len(servers)} instances: {len(viewers.frames) - behind} hold the "
                 f"last version {final}, {behind} behind; {regressed} saw a version go back")
    for o in outages:
        dropped = [d for ds in viewers.drops for d in ds if o["went"] - 1 <= d[0] <= o["back"] + 60]
        again = sorted(d[1] - d[0] for d in dropped if d[1] is not None)
        resumed = []
        for f in viewers.frames:
            later = [t for t, v in f if t > o["back"] and v > (o["before"] or 0)]
            resumed.append(later[0] - o["back"] if later else None)
        missing = sum(1 for r in resumed if r is None)
        done = sorted(r for r in resumed if r is not None)
        first = o["first_ack"]
        ok = ok and first is not None and missing == 0
        lines.append(
            f"{o['how']}: PostgreSQL away {o['back'] - o['went']:.1f} s; first sheet acknowledged "
            f"{'never' if first is None else f'{first:.2f} s'} after its return; viewers' first new frame after "
            f"its return p50 {pct(done, 50)} s, max {pct(done, 100)} s ({missing} got none); "
            f"{len(dropped)} stream connections dropped"
            + (f", reconnected p50 {pct(again, 50)} s, max {pct(again, 100)} s" if again else ""))
    return {"lines": lines, "ok": ok}


def pct(xs, p):
    if not xs:
        return "–"
    return f"{xs[min(len(xs) - 1, int(len(xs) * p / 100))]:.2f}"


def disk_seed(disk):
    """Four old rolling copies (6 MB each) and a file that leaves ~3 MB
    free: the first copy at start must delete the oldest to fit."""
    folder = os.path.join(disk, "kheo-backups")
    os.makedirs(folder, exist_ok=True)
    names = [f"kheo-20260101-00000{i}.db" for i in range(4)]
    for n in names:
        with open(os.path.join(folder, n), "wb") as f:
            f.write(os.urandom(6 << 20))
    st = os.statvfs(disk)
    with open(os.path.join(disk, "video-1.mp4"), "wb") as f:
        f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - (3 << 20)))
    return names


def fill(path):
    """Writes until the disk refuses; returns the bytes written."""
    written = 0
    with open(path, "wb") as f:
        try:
            while True:
                f.write(b"\0" * (1 << 16))
                f.flush()
                written += 1 << 16
        except OSError:
            pass
    return written


def health(server):
    url = f"http://127.0.0.1:{server.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=3) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except Exception as e:  # noqa: BLE001
        return None, repr(e)


def disk_full(disk, server, admin, binary, env, judges, fake_copies):
    """The disk fills while the judges send, and is freed: the phases and
    what each must show. Returns the lines of the report and whether all held."""
    lines, ok = [], True

    def check(cond, line):
        nonlocal ok
        ok = ok and cond
        lines.append(("" if cond else "FAILED: ") + line)

    folder = os.path.join(disk, "kheo-backups")
    for _ in range(100):
        names = sorted(os.listdir(folder))
        if any(n not in fake_copies and n.endswith(".db") for n in names):
            break
        time.sleep(0.1)
    new = [n for n in names if n not in fake_copies and n.endswith(".db")]
    check(fake_copies[0] not in names and all(n in names for n in fake_copies[1:]) and len(new) == 1,
          f"rolling copy at start with 3 MB free: the oldest copy deleted to fit it, the other three kept, "
          f"the new copy {new} taken")
    # The recording that filled the disk stops: room again, until it fills for real.
    os.unlink(os.path.join(disk, "video-1.mp4"))
    routes = json.loads(subprocess.run([binary, "routes"], env=env, capture_output=True, text=True).stdout)
    banner_path = next(f["path"] for f in routes["server_functions"] if f["name"] == "disk_warning")
    root = server.base.rsplit("/api/v1", 1)[0]

    def banner():
        req = urllib.request.Request(root + banner_path, data=b"", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with admin.opener.open(req, timeout=5) as r:
            return json.loads(r.read())

    time.sleep(2)
    st, _ = health(server)
    check(st == 200, f"/healthz before the disk fills: {st}")
    filled = fill(os.path.join(disk, "video-2.mp4"))
    full_at = time.time()
    lines.append(f"disk filled ({filled >> 20} MB more written until ENOSPC)")
    seen = None
    for _ in range(100):
        st, body = health(server)
        if st == 503:
            seen = (st, body.strip())
            break
        time.sleep(0.1)
    check(seen is not None and "disk full" in seen[1], f"/healthz while full: {seen}")
    said = banner()
    check(bool(said) and said[0] is True and "đã đầy" in said[1], f"the organisers' banner while full: {said!r}")
    time.sleep(4)
    refused_then = sum(j.full for j in judges)
    check(refused_then > 0, f"sheets answered 503 storage_full while full: {refused_then} (each kept and sent again)")
    message = next((j.full_message for j in judges if j.full_message), None)
    check(bool(message) and "Ổ đĩa của máy chủ đã đầy" in message, f"its message: {message!r}")
    os.unlink(os.path.join(disk, "video-2.mp4"))
    freed_at = time.time()
    first = None
    for _ in range(200):
        after = [t for j in judges for t in j.acked_at if t > freed_at]
        if after:
            first = min(after) - freed_at
            break
        time.sleep(0.05)
    check(first is not None, f"first sheet acknowledged {first:.2f} s after space was freed" if first is not None
          else "no sheet acknowledged after space was freed")
    back = None
    for _ in range(100):
        st, body = health(server)
        if st == 200:
            back = time.time() - freed_at
            break
        time.sleep(0.1)
    check(back is not None, f"/healthz back to 200 after {back:.1f} s" if back is not None else "/healthz stayed 503")
    check(banner() is None, "the banner gone once space was freed")
    lines.append(f"the disk was full for {freed_at - full_at:.1f} s")
    time.sleep(3)
    return {"lines": lines, "ok": ok}


def scores_of(version, criteria):
    """A sheet's points for a version: each version of one judge's sheet
    for one team is different, so a stored sheet names its version."""
    c0 = (version % 80) * STEP
    c1 = (version // 80 % 40) * STEP
    vals = [c0, c1] + [STEP * ((version // 3200 + i) % 40) for i in range(len(criteria) - 2)]
    return {c: f"{v:g}" for c, v in zip(criteria, vals)}


def hundredths(scores):
    return {k: round(float(v) * 100) for k, v in scores.items()}


class Judge(threading.Thread):
    def __init__(self, name, index, servers, contest, stop, pause):
        super().__init__(daemon=True)
        self.name, self.index, self.servers, self.contest, self.stop_event = name, index, servers, contest, stop
        self.pause = pause
        self.http = Http()
        self.sent = {}  # (team, version) -> scores
        self.acked = {}  # team -> highest acknowledged version
        self.attempts = 0
        self.retries = 0
        self.refused = []
        self.error = None
        self.full = 0  # 503 storage_full answers, each kept and sent again
        self.full_message = None
        self.acked_at = []  # when each sheet was acknowledged

    def sign_in(self):
        for attempt in range(600):
            base = self.servers[(self.index + attempt) % len(self.servers)].base
            try:
                status, body = self.http.call("POST", base + "/session",
                                              {"username": self.name, "password": JUDGE_PASSWORD})
                if status == 200:
                    return
                raise RuntimeError(f"sign-in of {self.name}: {status} {body}")
            except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} could not sign in")

    def send(self, team, version):
        c = self.contest
        scores = scores_of(version, c["criteria"])
        self.sent[(team, version)] = scores
        body = {"scores": scores, "client_version": version}
        attempt = 0
        while True:
            server = self.servers[(self.index + attempt) % len(self.servers)]
            url = f"{server.base}/contests/{c['id']}/rounds/{c['round']}/teams/{team}/sheet"
            self.attempts += 1
            try:
                status, answer = self.http.call("PUT", url, body)
            except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout, OSError):
                status, answer = None, None
            if status == 200:
                self.acked[team] = max(self.acked.get(team, 0), version)
                self.acked_at.append(time.time())
                return
            if status == 503 and isinstance(answer, dict) and answer.get("error", {}).get("code") == "storage_full":
                self.full += 1
                self.full_message = answer["error"].get("message")
            if status is not None and status < 500 and status != 429:
                self.refused.append((team, version, status, answer))
                return
            # No answer, or the database was away: the tablet tries again.
            attempt += 1
            self.retries += 1
            time.sleep(0.05 + random.random() * 0.1)

    def run(self):
        try:
            version = 0
            while True:
                version += 1
                for team in self.contest["teams"]:
                    self.send(team, version)
                    time.sleep(self.pause)
                if self.stop_event.is_set():
                    return
        except Exception as e:  # noqa: BLE001 — reported at the end
            self.error = repr(e)


def psql(url, *sql):
    for s in sql:
        subprocess.run(["psql", "-qAtX", url, "-c", s], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


class Cluster:
    """The PostgreSQL cluster behind the tests' URL, found by its port: a
    machine may hold more than one (a reinstalled package makes a second
    cluster on 5433), and the one the instances use is the one to stop."""

    def __init__(self, url):
        self.port = urllib.parse.urlsplit(url).port or 5432
        rows = subprocess.run(["pg_lsclusters", "-h"], check=True, capture_output=True, text=True).stdout
        found = [r.split()[:2] for r in rows.splitlines() if len(r.split()) > 2 and r.split()[2] == str(self.port)]
        if not found:
            raise RuntimeError(f"no PostgreSQL cluster on port {self.port}:\n{rows}")
        self.version, self.name = found[0]

    def ctl(self, *args):
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, *args], check=True)

    def wait_ready(self, seconds=60):
        deadline = time.time() + seconds
        while subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]).returncode != 0:
            if time.time() > deadline:
                raise RuntimeError(f"PostgreSQL on port {self.port} did not come back in {seconds} s")
            time.sleep(0.05)

    def kill_and_start(self):
        self.ctl("stop", "-m", "immediate")
        time.sleep(1)
        self.ctl("start")
        self.wait_ready()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    ap.add_argument("--pg", default="postgres://kheo:kheo@127.0.0.1:5432/postgres")
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--judges", type=int, default=8)
    ap.add_argument("--teams", type=int, default=10)
    ap.add_argument("--pause", type=float, default=0.005, help="seconds a judge waits between sheets")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--power", action="store_true",
                    help="SQLite: each kill is a power cut (writes not synced are lost)")
    ap.add_argument("--outage", action="store_true",
                    help="PostgreSQL: restart it, then stop it for 20 s, under judges and stream viewers")
    ap.add_argument("--viewers", type=int, default=1000, help="with --outage: stream viewers")
    ap.add_argument("--gap", type=float, default=20, help="with --outage: seconds PostgreSQL stays stopped")
    ap.add_argument("--disk", action="store_true",
                    help="SQLite: the database on a small tmpfs that fills up while judges send, then is freed")
    ap.add_argument("--lying-disk", action="store_true",
                    help="with --power: the disk acknowledges fsync and keeps nothing; succeed only if the "
                         "harness then finds acknowledged sheets lost (the harness's own test)")
    ap.add_argument("--sabotage", action="store_true",
                    help="SQLite: delete the newest stored sheet behind Khéo's back before the count, and "
                         "succeed only if the harness then reports it lost and the ledger fails (the harness's own test)")
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    binary = os.path.abspath(a.bin)
    work = tempfile.mkdtemp(prefix="kheo-faults-")
    disk = None
    if a.disk:
        assert a.db == "sqlite", "--disk is for SQLite"
        disk = os.path.join(work, "disk")
        os.mkdir(disk)
        # Room for the judges' write-ahead log to grow under load (a rolling
        # copy holds back its checkpoint) on top of what the test fills:
        # at 48 MB it sometimes took the space the test frees, and the
        # "low disk" banner (16 MB) stayed after the disk was freed.
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk], check=True)
    if disk:
        url = f"sqlite://{disk}/faults.db?mode=rwc"
    elif a.db == "sqlite":
        url = f"sqlite://{work}/faults.db?mode=rwc"
    else:
        name = f"kheo_faults_{os.getpid()}"
        psql(a.pg, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        url = a.pg.rsplit("/", 1)[0] + "/" + name
    cluster = Cluster(a.pg) if a.db == "postgres" else None
    env = {"DATABASE_URL": url, "KHEO_BACKUP_MINUTES": "0"}
    if disk:
        env.update(KHEO_BACKUP_MINUTES="1", KHEO_BACKUP_RESERVE_MB="4", KHEO_DISK_LOW_MB="16")
    run_env = dict(os.environ, **env)
    serve_env = dict(env)
    if a.power:
        assert a.db == "sqlite", "--power is for SQLite"
        lib = powercut_build(work)
        powercut_selftest(lib)
        serve_env.update(LD_PRELOAD=lib, POWERCUT_DIR=work + "/")
        if a.lying_disk:
            serve_env["POWERCUT_LIE"] = f"{work}/lie"  # from when the judges start
    cuts = []  # (writes dropped, bytes, integrity) per power cut
    subprocess.run([binary, "migrate"], env=run_env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "user", "add", ADMIN, "--role", "admin"], env=run_env, check=True,
                   input=ADMIN_PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL)
    if disk:
        fake_copies = disk_seed(disk)
    instances = 1 if a.db == "sqlite" else 2
    servers = [Server(binary, serve_env, free_port(), f"{work}/serve-{i}.log") for i in range(instances)]
    for s in servers:
        s.start()
    what = "the disk fills" if disk else "PostgreSQL goes away twice" if a.outage else f"{a.kills} power cuts" if a.power else f"{a.kills} kills"
    log(f"{a.db}: {instances} instance(s), {a.judges} judges × {a.teams} teams, {what}, seed {seed}, in {work}")

    admin = Http()
    base = servers[0].base
    assert admin.call("POST", base + "/session", {"username": ADMIN, "password": ADMIN_PASSWORD})[0] == 200
    judges = [f"faults-judge-{i}" for i in range(a.judges)]
    for j in judges:
        st, body = admin.call("POST", base + "/users",
                              {"username": j, "password": JUDGE_PASSWORD, "display_name": j, "role": "judge"})
        assert st == 201, (st, body)
    definition = {
        "name": "Thử lỗi", "level": "district", "unit": "Thử lỗi",
        "rounds": [{"name": "Tiểu phẩm", "criteria": [
            {"name": "Nội dung", "max_points": "20"}, {"name": "Dàn dựng", "max_points": "10"},
            {"name": "Diễn xuất", "max_points": "10"}]}],
        "teams": [{"name": f"Đội {i + 1}", "unit": f"Xã {i + 1}"} for i in range(a.teams)],
        "judges": judges,
    }
    st, contest = admin.call("POST", base + "/contests", definition)
    assert st == 201, (st, contest)
    cid, rid = contest["id"], contest["rounds"][0]["id"]
    assert admin.call("PUT", f"{base}/contests/{cid}/rounds/{rid}/state", {"state": "open"})[0] == 200
    c = {"id": cid, "round": rid, "criteria": [str(x["id"]) for x in contest["rounds"][0]["criteria"]],
         "teams": [t["id"] for t in contest["teams"]]}

    stop = threading.Event()
    threads = [Judge(j, i, servers, c, stop, a.pause) for i, j in enumerate(judges)]
    for t in threads:
        t.sign_in()
    if a.lying_disk:
        open(f"{work}/lie", "w").close()
    for t in threads:
        t.start()
    pg_killed = False
    instance_kills = 0
    started = time.time()
    disk_report = None
    viewers, outages = None, []
    try:
        if a.outage:
            assert a.db == "postgres", "--outage is for PostgreSQL"
            viewers = Viewers(servers, cid, a.viewers)
            viewers.start()
            viewers.ready.wait(120)
            time.sleep(3)
            log("PostgreSQL: pg_ctlcluster restart")
            outages.append(pg_outage(cluster, "restart", 0, servers, cid, threads))
            time.sleep(5)
            log(f"PostgreSQL: stop -m immediate, {a.gap:g} s without it, start")
            outages.append(pg_outage(cluster, "stop -m immediate", a.gap, servers, cid, threads))
            time.sleep(5)
        if disk:
            disk_report = disk_full(disk, servers[0], admin, binary, run_env, threads, fake_copies)
        for k in range(0 if disk or a.outage else a.kills):
            time.sleep(0.3 + random.random() * 1.7)
            if a.db == "postgres" and not pg_killed and k == a.kills // 2:
                log(f"kill {k + 1}/{a.kills}: PostgreSQL itself (stop -m immediate), then start")
                cluster.kill_and_start()
                pg_killed = True
                continue
            victim = servers[instance_kills % len(servers)]
            instance_kills += 1
            log(f"kill {k + 1}/{a.kills}: SIGKILL the instance on port {victim.port}")
            victim.kill()
            if a.power:
                dropped, changed = powercut_restore(work)
                check = integrity(f"{work}/faults.db")
                cuts.append((dropped, changed, check))
                log(f"  power cut: {dropped} unsynced writes dropped ({changed} bytes), integrity_check {check}")
            time.sleep(random.random() * 0.5)
            victim.start()
    finally:
        stop.set()
        for t in threads:
            t.join(600)
    seconds = time.time() - started
    outage_report = None
    if viewers:
        outage_report = outage_check(viewers, servers, cid, outages)

    # What is stored, as the organiser reads it after one last restart.
    for s in servers:
        s.kill()
    if a.power:
        dropped, changed = powercut_restore(work)
        cuts.append((dropped, changed, integrity(f"{work}/faults.db")))
    if disk:
        cuts.append((0, 0, integrity(f"{disk}/faults.db")))
    if a.sabotage:
        assert a.db == "sqlite", "--sabotage is for SQLite"
        con = sqlite3.connect(url.split("sqlite://", 1)[1].split("?", 1)[0])
        (sid,) = con.execute("SELECT id FROM sheets ORDER BY id DESC LIMIT 1").fetchone()
        con.execute("DELETE FROM sheet_scores WHERE sheet_id = ?", (sid,))
        con.execute("DELETE FROM sheets WHERE id = ?", (sid,))
        con.commit()
        con.close()
        log(f"sabotage: deleted sheet {sid} behind Khéo's back")
    servers[0].start()
    admin = Http()
    assert admin.call("POST", servers[0].base + "/session", {"username": ADMIN, "password": ADMIN_PASSWORD})[0] == 200
    st, listing = admin.call("GET", f"{servers[0].base}/contests/{cid}/rounds/{rid}/sheets")
    assert st == 200, (st, listing)
    for s in servers:
        s.stop()

    stored = {}
    duplicated = 0
    for sheet in listing["sheets"]:
        key = (sheet["judge_username"], sheet["team_id"])
        if key in stored:
            duplicated += 1
        stored[key] = hundredths(sheet["scores"])
    lost = phantom = 0
    problems = []
    for t in threads:
        for team in c["teams"]:
            got = stored.get((t.name, team))
            acked = t.acked.get(team, 0)
            version = None
            if got is not None:
                matches = [v for (tm, v), sc in t.sent.items() if tm == team and hundredths(sc) == got]
                if not matches:
                    phantom += 1
                    problems.append(f"phantom: {t.name} team {team} stored {got}")
                    continue
                version = max(matches)
            if acked and (version is None or version < acked):
                lost += 1
                problems.append(f"lost: {t.name} team {team} acked v{acked}, stored v{version}")
    for key in stored:
        if key[0] not in {t.name for t in threads}:
            phantom += 1
    verify = subprocess.run([binary, "verify", str(cid)], env=run_env, capture_output=True, text=True)
    sent = sum(len(t.sent) for t in threads)
    acked = sum(sum(1 for (tm, v) in t.sent if t.acked.get(tm, 0) >= v) for t in threads)
    retries = sum(t.retries for t in threads)
    refused = sum(len(t.refused) for t in threads)
    errors = [t.error for t in threads if t.error]
    what = "a disk filled and freed" if disk else "2 PostgreSQL outages" if a.outage else f"{len(cuts) - 1} power cuts" if a.power else f"{a.kills} kills"
    print(f"{a.db}: {what} in {seconds:.0f} s ({instances} instance(s)"
          f"{', PostgreSQL killed once' if pg_killed else ''}); sheets sent {sent}, acknowledged {acked}, "
          f"retries {retries}, refused {refused}; lost {lost}, phantom {phantom}, duplicated {duplicated}; "
          f"ledger {'holds' if verify.returncode == 0 else 'FAILS'}")
    if a.power:
        bad = [c for c in cuts if c[2] != "ok"]
        print(f"   power cuts {len(cuts)} (the last after the judges stopped): unsynced writes dropped "
              f"{sum(c[0] for c in cuts)} ({sum(c[1] for c in cuts)} bytes), in {sum(1 for c in cuts if c[0])} "
              f"of the cuts; integrity_check {'ok after every cut' if not bad else 'FAILED ' + repr(bad[:3])}")
    if outage_report:
        disk_report = outage_report
    if disk_report:
        for line in disk_report["lines"]:
            print("  ", line)
        if cuts:
            print(f"   integrity_check {cuts[-1][2]}")
    for p in problems[:20]:
        print("  ", p)
    for t in threads:
        for r in t.refused[:3]:
            print("   refused:", t.name, r)
    for e in errors:
        print("   judge error:", e)
    if verify.returncode != 0:
        print("  ", verify.stdout.strip(), verify.stderr.strip())
    ok = lost == 0 and phantom == 0 and duplicated == 0 and verify.returncode == 0 and refused == 0 and not errors
    ok = ok and all(c[2] == "ok" for c in cuts) and (disk_report is None or disk_report["ok"])
    if a.lying_disk:
        caught = lost >= 1
        print(f"lying disk {'caught' if caught else 'MISSED'}: lost {lost}")
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(0 if caught else 1)
    if a.sabotage:
        caught = lost >= 1 and verify.returncode != 0
        print(f"sabotage {'caught' if caught else 'MISSED'}: lost {lost}, ledger "
              f"{'fails' if verify.returncode else 'holds'}")
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(0 if caught else 1)
    if a.db == "postgres":
        try:
            psql(a.pg, f"DROP DATABASE IF EXISTS kheo_faults_{os.getpid()}")
        except subprocess.CalledProcessError:
            pass
    if disk:
        subprocess.run(["umount", disk])
    if ok:
        shutil.rmtree(work, ignore_errors=True)
    else:
        log(f"kept {work} for a look")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
