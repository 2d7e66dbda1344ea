#!/usr/bin/env python3
"""Faults tried the Jepsen way: judges send sheets while the server dies.

Judges (threads, standard library only) submit sheets to a real `kheo serve`
with tablet-style retries: a sheet with no answer (the server died under
it) is sent again, with the same version, until it is acknowledged. A
killer meanwhile SIGKILLs the server again and again at random moments and
restarts it. With PostgreSQL there are two instances (judges fail over to
the other, as behind a load balancer), the killer alternates between them,
and once it kills PostgreSQL itself (`pg_ctlcluster stop -m immediate`).

At the end every stored sheet is compared with what the judges sent:
  lost        an acknowledged version that is not stored nor overtaken (must be 0)
  phantom     a stored sheet no judge ever sent (must be 0)
  duplicated  two stored sheets for one judge and team (must be 0)
  ledger      `kheo verify` on the contest (must hold)
A sheet whose answer was lost in a kill is sent again with the same version
until acknowledged: the retry finds it stored (or stores it) and changes
nothing, so every sheet sent ends acknowledged.

  python3 scripts/faults.py --bin target/debug/kheo --db sqlite --kills 20
  python3 scripts/faults.py --bin target/debug/kheo --db postgres \\
      --pg postgres://kheo:kheo@127.0.0.1:5432/postgres --kills 20
Exit 0 when everything holds.
"""

import argparse
import http.cookiejar
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
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
                return
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


def pg_restart():
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(x) for x in v.split(".")])[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "immediate"],
                   check=True)
    time.sleep(1)
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=True)
    for _ in range(300):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0:
            return
        time.sleep(0.2)
    raise RuntimeError("PostgreSQL did not come back")


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
    ap.add_argument("--sabotage", action="store_true",
                    help="SQLite: delete the newest stored sheet behind Khéo's back before the count, and "
                         "succeed only if the harness then reports it lost and the ledger fails (the harness's own test)")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    binary = os.path.abspath(a.bin)
    work = tempfile.mkdtemp(prefix="kheo-faults-")
    if a.db == "sqlite":
        url = f"sqlite://{work}/faults.db?mode=rwc"
    else:
        name = f"kheo_faults_{os.getpid()}"
        psql(a.pg, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        url = a.pg.rsplit("/", 1)[0] + "/" + name
    env = {"DATABASE_URL": url, "KHEO_BACKUP_MINUTES": "0"}
    run_env = dict(os.environ, **env)
    subprocess.run([binary, "migrate"], env=run_env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "user", "add", ADMIN, "--role", "admin"], env=run_env, check=True,
                   input=ADMIN_PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL)
    instances = 1 if a.db == "sqlite" else 2
    servers = [Server(binary, env, free_port(), f"{work}/serve-{i}.log") for i in range(instances)]
    for s in servers:
        s.start()
    log(f"{a.db}: {instances} instance(s), {a.judges} judges × {a.teams} teams, {a.kills} kills, seed {seed}, in {work}")

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
    for t in threads:
        t.start()
    pg_killed = False
    instance_kills = 0
    started = time.time()
    try:
        for k in range(a.kills):
            time.sleep(0.3 + random.random() * 1.7)
            if a.db == "postgres" and not pg_killed and k == a.kills // 2:
                log(f"kill {k + 1}/{a.kills}: PostgreSQL itself (stop -m immediate), then start")
                pg_restart()
                pg_killed = True
                continue
            victim = servers[instance_kills % len(servers)]
            instance_kills += 1
            log(f"kill {k + 1}/{a.kills}: SIGKILL the instance on port {victim.port}")
            victim.kill()
            time.sleep(random.random() * 0.5)
            victim.start()
    finally:
        stop.set()
        for t in threads:
            t.join(600)
    seconds = time.time() - started

    # What is stored, as the organiser reads it after one last restart.
    for s in servers:
        s.kill()
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
    print(f"{a.db}: {a.kills} kills in {seconds:.0f} s ({instances} instance(s)"
          f"{', PostgreSQL killed once' if pg_killed else ''}); sheets sent {sent}, acknowledged {acked}, "
          f"retries {retries}, refused {refused}; lost {lost}, phantom {phantom}, duplicated {duplicated}; "
          f"ledger {'holds' if verify.returncode == 0 else 'FAILS'}")
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
    if ok:
        shutil.rmtree(work, ignore_errors=True)
    else:
        log(f"kept {work} for a look")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
