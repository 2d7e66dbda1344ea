#!/usr/bin/env python3
"""Khéo as it is run outside a developer's checkout.

  hall_test.py package KHEO-…-linux-x86_64.tar.gz
      Unpacks the package into an empty folder whose path has a space and
      Vietnamese letters, starts the program with no arguments and nothing
      else around it, creates the admin on the first-start page, and checks
      sign-in, a judge's sheet, the live stream and the embedded files; then
      starts it again and finds the sheet kept.

  hall_test.py package KHEO-…-windows-x86_64.zip
      The same with the Windows package, under Wine (Debian's wine64).

  hall_test.py nginx KHEO_BINARY POSTGRES_URL
      The province's set-up: two `kheo serve` on one PostgreSQL behind
      Debian's nginx with TLS, configured from deploy/nginx-kheo.conf; a
      stream opened through nginx must receive a sheet's mark within 1 s.

Standard library only. Exits non-zero with the reason on the first failure.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "mat-khau-dai-2026"


def fail(msg):
    print(f"hall_test: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def say(msg):
    print(f"hall_test: {msg}", flush=True)


class Client:
    """One browser: a cookie jar over http.client, HTTP or HTTPS."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.https = u.scheme == "https"
        self.host, self.port = u.hostname, u.port or (443 if self.https else 80)
        self.cookies = {}

    def conn(self, timeout=10):
        if self.https:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=ctx)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, form=None, headers=None):
        h = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        c = self.conn()
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        raw = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), raw

    def json(self, method, path, body=None, want=200):
        status, _, raw = self.request(method, path, body=body)
        if status != want:
            fail(f"{method} {path}: {status} {raw[:300]!r}, wanted {want}")
        return json.loads(raw) if raw else None


class Stream:
    """A leaderboard event stream, read event by event."""

    def __init__(self, client, cid):
        self.c = client.conn(timeout=15)
        self.c.request("GET", f"/api/v1/contests/{cid}/leaderboard/stream", headers={"Accept": "text/event-stream"})
        # Kept before the response is read: a stream that is its connection's
        # first request is answered `connection: close`, and http.client then
        # lets go of its socket (the response still reads from it).
        self.sock = self.c.sock
        self.r = self.c.getresponse()
        if self.r.status != 200:
            fail(f"stream: {self.r.status}")
        self.headers = dict((k.lower(), v) for k, v in self.r.getheaders())

    def next_board(self, within):
        deadline = time.monotonic() + within
        event, data = None, None
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                line = self.r.fp.readline()
            except (socket.timeout, TimeoutError):
                return None
            if not line:
                return None
            line = line.decode().rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
            elif line == "" and event == "leaderboard" and data:
                return json.loads(data)
            elif line == "":
                event, data = None, None
        return None


def contest_body(judges):
    return {
        "name": "Hội thi Dân vận khéo xã Nà Phặc", "level": "commune", "unit": "Xã Nà Phặc",
        "aggregation": "mean",
        "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]}],
        "teams": [{"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị"},
                  {"name": "Đội thôn Bản Chang", "unit": "Chi bộ thôn Bản Chang"}],
        "judges": judges,
    }


def a_judges_sheet(base, admin, organiser_client=None):
    """Makes a judge and a contest, opens its round; returns what a sheet needs."""
    admin.json("POST", "/api/v1/users", {"username": "gk1", "password": PASSWORD,
                                         "display_name": "Giám khảo Một", "role": "judge"}, want=201)
    c = admin.json("POST", "/api/v1/contests", contest_body(["gk1"]), want=201)
    r = c["rounds"][0]
    admin.json("PUT", f"/api/v1/contests/{c['id']}/rounds/{r['id']}/state", {"state": "open"})
    judge = Client(base)
    judge.json("POST", "/api/v1/session", {"username": "gk1", "password": PASSWORD})
    return c, judge


def sheet(judge, c, team, points):
    r = c["rounds"][0]
    path = f"/api/v1/contests/{c['id']}/rounds/{r['id']}/teams/{c['teams'][team]['id']}/sheet"
    return judge.json("PUT", path, {"scores": {str(r["criteria"][0]["id"]): points}})


class Program:
    """The unpacked program, started as a double-click starts it."""

    def __init__(self, command, cwd):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("KHEO_", "LEPTOS_", "DATABASE_URL", "CARGO"))}
        env["KHEO_NO_BROWSER"] = "1"
        env.setdefault("WINEDEBUG", "-all")
        self.proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     encoding="utf-8", errors="replace")
        printed, self.base = [], None
        deadline = time.monotonic() + 180
        while self.base is None and time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                fail("the program exited: " + "".join(printed))
            printed.append(line)
            m = re.search(r"(http://localhost:\d+)", line)
            if m:
                self.base = m.group(1)
        while self.base and not printed[-1].strip().startswith("Đóng cửa sổ"):
            printed.append(self.proc.stdout.readline())
        self.printed = "".join(printed)
        if self.base is None:
            fail("no address printed")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def unpack(archive, home):
    folder = os.path.join(home, "Hội thi Dân vận khéo", "Máy của Ban tổ chức")
    os.makedirs(folder)
    if archive.endswith(".zip"):
        with zipfile.ZipFile(archive) as z:
            z.extractall(folder)
    else:
        with tarfile.open(archive) as t:
            t.extractall(folder, filter="data")
    top = os.listdir(folder)
    if len(top) != 1:
        fail(f"the package should hold one folder, holds {top}")
    return os.path.join(folder, top[0])


def package(archive):
    """Unpack, start with no arguments, set up, score; restart, and the
    sheet is still there. A .zip is the Windows package, run under Wine."""
    windows = archive.endswith(".zip")
    exe = "kheo.exe" if windows else "kheo"
    started = time.monotonic()
    home = tempfile.mkdtemp(prefix="kheo-goi-")
    pkg = unpack(archive, home)
    files = sorted(os.listdir(pkg))
    if files != ["DOC-TRUOC.txt", exe]:
        fail(f"the package holds {files}, wanted {exe} and DOC-TRUOC.txt")
    say(f"unpacked into {pkg!r}")
    wine = os.environ.get("KHEO_WINE", "wine")
    command = [wine, os.path.join(pkg, exe)] if windows else [os.path.join(pkg, exe)]
    program = Program(command, pkg)
    base = program.base
    try:
        print(program.printed)
        lan = re.search(r"http://(\d+\.\d+\.\d+\.\d+):\d+", program.printed)
        if lan is None:
            say("no hall address printed: this machine has no network")
        elif lan.group(1).startswith("127."):
            fail("the hall's address is a loopback address")
        browser = Client(base)
        for _ in range(600):
            try:
                status, headers, _ = browser.request("GET", "/")
                break
            except OSError:
                time.sleep(0.05)
        say(f"unpacking to a served page: {time.monotonic() - started:.1f} s")
        if status not in (302, 303, 307) or headers.get("location") != "/setup":
            fail(f"a first start should send this machine to /setup, got {status} {headers.get('location')}")
        status, _, page = browser.request("GET", "/setup")
        if status != 200 or "Tạo tài khoản quản trị".encode() not in page:
            fail(f"/setup: {status}")
        status, headers, page = browser.request("POST", "/setup", form={
            "username": "admin", "display_name": "Ban tổ chức xã", "password": PASSWORD, "password2": PASSWORD})
        if status != 303:
            fail(f"POST /setup: {status} {page[:300]!r}")
        status, _, _ = browser.request("GET", "/setup")
        if status != 404:
            fail(f"/setup after the first account: {status}, wanted 404")
        admin = Client(base)
        admin.json("POST", "/api/v1/session", {"username": "admin", "password": PASSWORD})
        c, judge = a_judges_sheet(base, admin)
        stream = Stream(Client(base), c["id"])
        if stream.next_board(5) is None:
            fail("no first frame on the stream")
        got = sheet(judge, c, 0, "17.5")
        if got["sheet"]["total"] != "17.5":
            fail(f"sheet: {got}")
        board = stream.next_board(5)
        if board is None or board["standings"][0]["total"] in (None, "0", "0.00"):
            fail(f"the stream did not carry the sheet: {board}")
        for path, kind in [("/pkg/kheo.wasm", "application/wasm"), ("/pkg/kheo.css", "text/css"),
                           ("/board.js", "javascript"), ("/fonts/be-vietnam-pro-vietnamese-400-normal.woff2", "font/woff2")]:
            status, headers, body = browser.request("GET", path, headers={"Accept-Encoding": "identity"})
            if status != 200 or kind not in headers.get("content-type", "") or not body:
                fail(f"{path}: {status} {headers.get('content-type')}")
        # The organiser's pages hydrate with the embedded WebAssembly.
        status, _, page = browser.request("GET", "/manage")
        if status != 200 or b"/pkg/kheo.js" not in page:
            fail(f"/manage: {status}, no /pkg/kheo.js")
        say("first start: set-up page, sign-in, a judge's sheet, the stream and the embedded files work")
    finally:
        program.stop()

    # Started again, as the next morning: the sheet is still there.
    program = Program(command, pkg)
    try:
        admin = Client(program.base)
        admin.json("POST", "/api/v1/session", {"username": "admin", "password": PASSWORD})
        r = c["rounds"][0]
        kept = admin.json("GET", f"/api/v1/contests/{c['id']}/rounds/{r['id']}/sheets")
        if [s["total"] for s in kept["sheets"]] != ["17.5"]:
            fail(f"after a restart the sheets are {kept}")
        say(f"restarted at {program.base}: the sheet is kept")
    finally:
        program.stop()
    data = os.path.join(pkg, "kheo-data")
    if not os.path.exists(os.path.join(data, "kheo.db")):
        fail(f"no database in {data}: {os.listdir(pkg)}")
    say(f"data kept beside the program: {sorted(os.listdir(data))}")
    shutil.rmtree(home)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_ready(base, proc):
    c = Client(base)
    for _ in range(400):
        if proc.poll() is not None:
            fail(f"{base} exited with {proc.returncode}")
        try:
            status, _, _ = c.request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    fail(f"{base} did not become healthy")


def nginx(binary, pg_url):
    work = tempfile.mkdtemp(prefix="kheo-nginx-")
    name = f"kheo_nginx_{os.getpid()}"
    admin_url = pg_url
    subprocess.run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], check=True)
    db_url = admin_url.rsplit("/", 1)[0] + "/" + name
    env = dict(os.environ, DATABASE_URL=db_url, KHEO_LOG="warn")
    subprocess.run([binary, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "user", "add", "btc", "--role", "organiser"], env=env, check=True,
                   input=PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "user", "add", "admin", "--role", "admin"], env=env, check=True,
                   input=PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL)
    ports = [free_port(), free_port()]
    tls = free_port()
    public = f"https://localhost:{tls}"
    procs = [subprocess.Popen([binary, "serve"], env=dict(env, KHEO_ADDR=f"127.0.0.1:{p}", KHEO_PUBLIC_URL=public))
             for p in ports]
    ngx = None
    try:
        for p, proc in zip(ports, procs):
            wait_ready(f"http://127.0.0.1:{p}", proc)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-keyout", f"{work}/privkey.pem", "-out", f"{work}/fullchain.pem"],
                       check=True, capture_output=True)
        site = open(os.path.join(ROOT, "deploy", "nginx-kheo.conf")).read()
        site = (site.replace("127.0.0.1:3000", f"127.0.0.1:{ports[0]}")
                    .replace("127.0.0.1:3001", f"127.0.0.1:{ports[1]}")
                    .replace("/etc/ssl/kheo/", f"{work}/")
                    .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{tls} ssl http2;")
                    .replace("listen 80;", f"listen 127.0.0.1:{free_port()};"))
        site = "\n".join(l for l in site.splitlines() if "[::]" not in l)
        with open(f"{work}/site.conf", "w") as f:
            f.write(site)
        with open(f"{work}/nginx.conf", "w") as f:
            f.write(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    include /etc/nginx/mime.types;
    include {work}/site.conf;
}}
""")
        check = subprocess.run(["nginx", "-t", "-c", f"{work}/nginx.conf"], capture_output=True, text=True)
        if check.returncode != 0:
            fail("nginx -t: " + check.stderr)
        ngx = subprocess.Popen(["nginx", "-c", f"{work}/nginx.conf", "-g", "daemon off;"])
        through = Client(public)
        for _ in range(200):
            try:
                status, _, _ = through.request("GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:
            fail("nginx did not answer /healthz")
        say(f"nginx with TLS at {public} in front of ports {ports}: /healthz 200")
        admin = Client(public)
        admin.json("POST", "/api/v1/session", {"username": "admin", "password": PASSWORD})
        c, judge = a_judges_sheet(public, admin)
        # nginx reads (and removes) the header that tells it not to buffer.
        direct = Stream(Client(f"http://127.0.0.1:{ports[0]}"), c["id"])
        if direct.headers.get("x-accel-buffering") != "no":
            fail(f"the stream lacks X-Accel-Buffering: no: {direct.headers}")
        direct.c.close()
        marks = []
        for team, points in [(0, "16"), (1, "18.5"), (0, "17")]:
            stream = Stream(Client(public), c["id"])
            first = stream.next_board(5)
            if first is None:
                fail("no first frame through nginx")
            t0 = time.monotonic()
            sheet(judge, c, team, points)
            board = stream.next_board(1.0)
            took = time.monotonic() - t0
            if board is None or board["version"] <= first["version"]:
                fail(f"no mark through nginx within 1 s of the sheet ({points}): {board}")
            marks.append(took)
        say("a sheet's mark reached a stream through nginx in " + ", ".join(f"{t * 1000:.0f} ms" for t in marks))
    finally:
        if ngx:
            ngx.terminate()
            ngx.wait()
        for p in procs:
            p.terminate()
            p.wait()
        subprocess.run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name}"])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "package":
        package(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "nginx":
        nginx(sys.argv[2], sys.argv[3])
    else:
        print(__doc__)
        sys.exit(2)
