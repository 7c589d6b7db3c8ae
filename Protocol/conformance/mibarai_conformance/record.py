"""`record-session`: sets up a federation of real `mibarai` processes (operator, hub, shop), joins
this client with fixed keys, and writes the annotated transcript of its session with the hub."""
from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from . import cli

TODAY = "2026-11-15"
CANARY = ["--name", "見本 花子", "--kana", "ミホン ハナコ", "--phone", "080-2468-1357"]
SECOND_CANARY = ["--name", "見本 次郎", "--kana", "ミホン ジロウ", "--phone", "080-1357-2468"]


class Federation:
    def __init__(self, mibarai: str, root: Path) -> None:
        self.mibarai, self.root = mibarai, root
        self.env = dict(os.environ, MIBARAI_TODAY=TODAY, LANG="C")
        self.servers: list[subprocess.Popen[str]] = []

    def run(self, *args: str) -> str:
        done = subprocess.run([self.mibarai, *args], env=self.env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"mibarai {args[0]} {args[1] if len(args) > 1 else ''} exited {done.returncode}: {done.stderr}")
        return done.stdout

    def path(self, name: str) -> str:
        return str(self.root / name)

    def member(self, name: str, role: str) -> None:
        self.run("init", "--data-dir", self.path(name), "--node-id", name)
        self.run("node", "csr", "--data-dir", self.path(name), "--output", self.path(f"{name}.req"))
        self.issue(self.path(f"{name}.req"), role, self.path(f"{name}.bundle"))
        self.run("node", "join", self.path(f"{name}.bundle"), "--data-dir", self.path(name))

    def issue(self, request: str, role: str, output: str) -> None:
        self.run("federation", "issue", request, "--operator-dir", self.path("op"), "--role", role, "--region", "kanto", "--output", output)

    def serve(self, name: str, *peers: str) -> int:
        args = [self.mibarai, "serve", "--api-port", "0", "--data-dir", self.path(name), "--federation-host", "127.0.0.1",
                "--federation-port", "0", "--gossip-port", "0", "--gossip-interval", "0.3"]
        for p in peers:
            args += ["--peer", p]
        out = open(self.path(f"{name}.out"), "w")
        self.servers.append(subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT, text=True))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            m = re.search(r"gossip on 127\.0\.0\.1:([0-9]+)", Path(self.path(f"{name}.out")).read_text())
            if m:
                return int(m.group(1))
            time.sleep(0.05)
        raise RuntimeError(f"{name} did not start")

    def holds_report(self, node: str, phone: str) -> bool:
        out = self.run("check", "--data-dir", self.path(node), "--phone", phone, "--json")
        return bool(json.loads(out).get("matches"))

    def stop(self) -> None:
        for s in self.servers:
            s.terminate()
            s.wait()


def record(mibarai: str, output: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="mibarai-conformance-") as tmp:
        f = Federation(mibarai, Path(tmp))
        try:
            f.run("federation", "init", "--operator-dir", f.path("op"), "--name", "conformance-assoc")
            f.member("hub", "hub")
            f.member("shop-a", "shop")
            hub_port = f.serve("hub")
            f.serve("shop-a", f"hub@127.0.0.1:{hub_port}")
            f.run("report", "add", "--data-dir", f.path("shop-a"), "--category", "non-payment", "--amount", "12800",
                  *CANARY, "--incident-date", "2026-10-01")
            deadline = time.monotonic() + 60
            while not f.holds_report("hub", "080-2468-1357"):
                if time.monotonic() > deadline:
                    raise RuntimeError("the hub never got the shop's report")
                time.sleep(0.2)
            me = f.path("client")
            cli.main(["request", "--dir", me, "--name", "conformance-client", "--output", f.path("client.req"), "--seed", "31"])
            f.issue(f.path("client.req"), "shop", f.path("client.bundle"))
            cli.main(["join", f.path("client.bundle"), "--dir", me])
            push = " ".join([mibarai, "report", "add", "--data-dir", f.path("shop-a"), "--category", "cod-refusal", "--amount", "5400",
                             *(f"'{x}'" for x in SECOND_CANARY), "--incident-date", "2026-11-02"])
            return cli.main(["gossip", "--dir", me, "--peer", f"hub@127.0.0.1:{hub_port}", "--transcript", str(output),
                             "--wait-push", "--wait-get-peers", "--after-sync", push, "--timeout", "60"])
        finally:
            f.stop()
