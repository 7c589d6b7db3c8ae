#!/usr/bin/env python3
"""Crash soak: kill -9 of `mibarai report add` and of `mibarai serve`, at random moments.

Sets up a federation on loopback (an operator, a hub and two shops, each node a real
`mibarai serve` process), streams reports into both shops, and kills either a `report add`
command or a `serve` process (then restarts it) at random moments, --kills times in all.
Then it lets the federation settle and checks:

  * every acknowledged report (its `report add` exited 0) still exists, whole, at its shop;
  * a `report add` killed before it answered left either nothing or a whole report;
  * `PRAGMA integrity_check` is `ok` on every node's database;
  * every node converges: each shop's published records are held, token for token, by every
    other node, every node holds the same signed log, and a lookup at every node finds every
    acknowledged report of the other shop;
  * no node logged or stored an equivocation.

The databases are only ever opened read-only (`file:…?mode=ro`). Python 3 standard library only.
See scripts/soak/README.md.
"""

import argparse
import collections
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SHOPS = ["shop-a", "shop-b"]
HUB = "hub"
NODES = [HUB] + SHOPS
PUBLICATION_DOMAIN = b"mibarai/publication-id/v1\x00"
CANARY_NAME = "カナリア 試験"
CANARY_KANA = "カナリア シケン"


def now():
    return time.monotonic()


def publication_id(report_id: bytes, epoch: int) -> bytes:
    """The id a report is published under (OwnLogPlan.publicationID)."""
    return hashlib.sha256(PUBLICATION_DOMAIN + report_id + epoch.to_bytes(4, "big")).digest()[:16]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ro_connect(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    con.execute("PRAGMA query_only = ON")
    return con


class Soak:
    def __init__(self, args):
        self.args = args
        self.binary = os.path.abspath(args.binary)
        self.rng = random.Random(args.seed)
        self.work = tempfile.mkdtemp(prefix="mibarai-soak-")
        self.logs = os.path.join(self.work, "logs")
        os.makedirs(self.logs)
        self.lock = threading.Lock()
        self.stop_stream = threading.Event()
        self.counter = 0
        self.reports = {}  # n -> dict(shop, n, fields, outcome, id, ...)
        self.durations = collections.deque(maxlen=30)
        self.serve = {}  # node -> Popen
        self.generation = collections.Counter()
        self.ports = {}
        self.kills = collections.Counter()
        self.kills_by_mode = collections.Counter()
        self.last_change = now()
        self.kill_log = []
        self.missed_cli = 0
        self.last_restart = None
        self.failures = []
        self.events = open(os.path.join(self.logs, "events.log"), "a", encoding="utf-8")
        self.t0 = now()

    # ---------------------------------------------------------------- helpers

    def log(self, msg):
        line = f"[{now() - self.t0:8.2f}s] {msg}"
        with self.lock:
            self.events.write(line + "\n")
            self.events.flush()
        if self.args.verbose:
            print(line, flush=True)

    def data(self, node):
        return os.path.join(self.work, node)

    def db(self, node):
        return os.path.join(self.data(node), "mibarai.sqlite")

    def run(self, args, check=True, timeout=120):
        r = subprocess.run([self.binary] + args + ["--lang", "en"], capture_output=True, text=True, timeout=timeout)
        if check and r.returncode != 0:
            raise RuntimeError(f"mibarai {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
        return r

    # ---------------------------------------------------------------- federation

    def setup(self):
        op = os.path.join(self.work, "operator")
        self.run(["federation", "init", "--operator-dir", op, "--name", "soak-assoc"])

        def join(node, role):
            d = self.data(node)
            self.run(["init", "--data-dir", d, "--node-id", node])
            self.run(["node", "csr", "--data-dir", d, "--output", d + ".req"])
            self.run(["federation", "issue", d + ".req", "--operator-dir", op, "--role", role,
                      "--region", "kanto", "--output", d + ".bundle"])
            self.run(["node", "join", d + ".bundle", "--data-dir", d])

        # The hub is admitted first: a shop's join bundle then carries the hub's admission, so the
        # shop can resolve its seed `hub@…` by name. (A shop admitted before the member its seed
        # names waits for an operator log it can only get from that peer.)
        join(HUB, "hub")
        errors = []

        def worker(node, role):
            try:
                join(node, role)
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=worker, args=(n, "shop")) for n in SHOPS]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        used = set()
        for n in NODES:
            ports = []
            while len(ports) < 2:
                p = free_port()
                if p not in used:
                    used.add(p)
                    ports.append(p)
            self.ports[n] = tuple(ports)  # (federation, gossip)
        self.start(HUB)
        for s in SHOPS:
            self.start(s)

    def serve_args(self, node):
        fed, gossip = self.ports[node]
        args = ["serve", "--data-dir", self.data(node), "--api-port", "0", "--federation-host", "127.0.0.1",
                "--federation-port", str(fed), "--gossip-port", str(gossip),
                "--gossip-interval", str(self.args.gossip_interval), "--log-level", "info", "--lang", "en"]
        if node != HUB:
            args += ["--peer", f"{HUB}@127.0.0.1:{self.ports[HUB][1]}"]
        return args

    def spawn(self, node):
        self.generation[node] += 1
        g = self.generation[node]
        out = open(os.path.join(self.logs, f"{node}.serve.{g:03d}.out"), "w")
        err = open(os.path.join(self.logs, f"{node}.serve.{g:03d}.err"), "w")
        p = subprocess.Popen([self.binary] + self.serve_args(node), stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        out.close()
        err.close()
        p.out_path = os.path.join(self.logs, f"{node}.serve.{g:03d}.out")
        p.started_at = now()
        self.serve[node] = p
        return p

    def wait_started(self, node, p, deadline_s=90):
        """Waits until the server says its gossip listener is up; respawns if it exits first."""
        deadline = now() + deadline_s
        while now() < deadline:
            try:
                with open(p.out_path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
            except FileNotFoundError:
                text = ""
            if "gossip on 127.0.0.1:" in text and "federation listener on" in text:
                return p
            if p.poll() is not None:
                self.log(f"{node}: serve exited {p.returncode} while starting; starting again")
                time.sleep(0.5)
                p = self.spawn(node)
            time.sleep(0.05)
        raise RuntimeError(f"{node}: serve did not start within {deadline_s}s (see {p.out_path})")

    def start(self, node):
        spawned = now()
        p = self.wait_started(node, self.spawn(node))
        self.last_restart = now()
        self.last_spawn = spawned
        self.log(f"{node}: serve up (pid {p.pid}, generation {self.generation[node]})")
        return p

    def kill9(self, p):
        try:
            os.kill(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()

    # ---------------------------------------------------------------- reports

    def next_report(self, shop):
        with self.lock:
            self.counter += 1
            n = self.counter
        phone = f"080-{2468 + n // 9000}-{1000 + n % 9000:04d}"
        fields = {
            "name": CANARY_NAME, "kana": CANARY_KANA, "email": f"canary+{n}@example.invalid", "phone": phone,
            "amount": 1000 + n, "order_ref": f"SOAK-{self.args.seed}-{n}",
        }
        rec = {"n": n, "shop": shop, "fields": fields, "outcome": None, "id": None}
        with self.lock:
            self.reports[n] = rec
        return rec

    def add_args(self, rec):
        f = rec["fields"]
        return [self.binary, "report", "add", "--data-dir", self.data(rec["shop"]), "--category", "non-payment",
                "--amount", str(f["amount"]), "--name", f["name"], "--kana", f["kana"], "--email", f["email"],
                "--phone", f["phone"], "--order-ref", f["order_ref"], "--json", "--lang", "en"]

    def finish_add(self, rec, p, started):
        out, err = p.communicate()
        rec["rc"] = p.returncode
        rec["duration"] = now() - started
        if p.returncode == 0:
            try:
                rec["id"] = json.loads(out)["id"]
                rec["outcome"] = "acknowledged"
            except (ValueError, KeyError):
                rec["outcome"] = "bad-answer"
                rec["stderr"] = out[-500:]
            with self.lock:
                self.durations.append(rec["duration"])
                self.last_change = max(self.last_change, now())
        elif p.returncode == -signal.SIGKILL:
            rec["outcome"] = "killed"
        else:
            rec["outcome"] = "failed"
            rec["stderr"] = err.strip()[-500:]
            self.log(f"{rec['shop']}: report add #{rec['n']} exited {p.returncode}: {rec['stderr']}")

    def add(self, shop):
        rec = self.next_report(shop)
        started = now()
        p = subprocess.Popen(self.add_args(rec), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             stdin=subprocess.DEVNULL)
        self.finish_add(rec, p, started)
        return rec

    def stream(self, shop, rng):
        while not self.stop_stream.is_set():
            self.add(shop)
            self.stop_stream.wait(rng.uniform(0.1, self.args.stream_pause))

    def typical_add(self):
        with self.lock:
            d = list(self.durations)
        return statistics.median(d) if d else 1.5

    # ---------------------------------------------------------------- kills

    def committed(self, shop, order_ref):
        """True when the shop's database (read-only) holds a report with this order reference."""
        try:
            con = ro_connect(self.db(shop))
            try:
                return con.execute("SELECT 1 FROM report WHERE order_reference = ?", (order_ref,)).fetchone() is not None
            finally:
                con.close()
        except sqlite3.Error:
            return False

    @staticmethod
    def wait_stopped(pid, timeout=1.0):
        deadline = now() + timeout
        while now() < deadline:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
            except (FileNotFoundError, IndexError):
                return
            if state in ("T", "t", "Z", "X"):
                return
            time.sleep(0.0005)

    def freeze_after_commit(self, p, shop, order_ref, first_wait):
        """Lets the command run in short steps, freezing it (SIGSTOP) after each to read the file;
        returns with it frozen once its report is committed, so that the kill that follows lands
        after the commit and before the command answered. Returns early if it exits first."""
        time.sleep(first_wait)
        deadline = now() + 120
        while p.poll() is None and now() < deadline:
            os.kill(p.pid, signal.SIGSTOP)
            self.wait_stopped(p.pid)
            if p.poll() is not None:
                return
            if self.committed(shop, order_ref):
                return  # frozen after its commit; the caller kills it
            os.kill(p.pid, signal.SIGCONT)
            time.sleep(self.rng.uniform(0.0005, 0.004))

    def kill_cli(self):
        shop = self.rng.choice(SHOPS)
        d = self.typical_add()
        # A moment anywhere in the command's life, or around its end (the write), or right after
        # its transaction committed and before it answered (found by reading the file).
        x = self.rng.random()
        mode = "anywhere" if x < 0.4 else "near-end" if x < 0.75 else "on-commit"
        delay = self.rng.uniform(0, d) if mode == "anywhere" else self.rng.uniform(0.8 * d, 1.1 * d)
        delay = min(delay, self.args.max_cli_delay)
        rec = self.next_report(shop)
        rec["kill_mode"] = mode
        started = now()
        p = subprocess.Popen(self.add_args(rec), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             stdin=subprocess.DEVNULL)
        if mode == "on-commit":
            self.freeze_after_commit(p, shop, rec["fields"]["order_ref"], 0.6 * d)
        else:
            time.sleep(delay)
        delay = now() - started
        rec["kill_delay"] = delay
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
        self.finish_add(rec, p, started)
        if rec["outcome"] == "killed":
            self.kills["report add"] += 1
            self.kills_by_mode[mode] += 1
            self.kill_log.append(("report add", shop, round(delay * 1000)))
            self.log(f"{shop}: SIGKILL report add #{rec['n']} ({mode}) after {delay * 1000:.0f} ms")
            return True
        self.missed_cli += 1
        self.log(f"{shop}: report add #{rec['n']} finished ({rec['outcome']}) before its kill ({mode}) at {delay * 1000:.0f} ms")
        return False

    def kill_serve(self, remaining):
        node = self.rng.choice(NODES)
        time.sleep(self.rng.uniform(0, self.args.max_serve_delay))
        p = self.serve[node]
        up_for = now() - p.started_at
        self.kill9(p)
        self.kills[f"serve {node}"] += 1
        self.kill_log.append(("serve", node, round(up_for * 1000)))
        self.log(f"{node}: SIGKILL serve pid {p.pid} after {up_for:.2f}s up")
        done = 1
        time.sleep(self.rng.uniform(0, self.args.max_down))
        # Sometimes again while it starts (opening the store, taking the inbox, first gossip).
        while done < remaining and self.rng.random() < 0.3:
            p = self.spawn(node)
            time.sleep(self.rng.uniform(0, 2.0))
            if p.poll() is not None:
                break  # exited by itself: start() below starts it again
            self.kill9(p)
            self.kills[f"serve {node}"] += 1
            self.kill_log.append(("serve (starting)", node, round((now() - p.started_at) * 1000)))
            self.log(f"{node}: SIGKILL serve pid {p.pid} while starting ({now() - p.started_at:.2f}s)")
            done += 1
        self.start(node)
        return done

    # ---------------------------------------------------------------- state

    def snapshot(self, node):
        """What one node's database says, read-only."""
        con = ro_connect(self.db(node))
        try:
            s = {}
            s["records"] = {
                (bytes(uid), origin): (epoch, status, bytes(tokens))
                for uid, origin, epoch, status, tokens in con.execute(
                    "SELECT uid, origin, epoch, status, tokens FROM blinded_record")
            }
            s["log"] = {bytes(o): (c, m) for o, c, m in con.execute(
                "SELECT origin, count(*), max(seq) FROM log_entry GROUP BY origin")}
            s["pending"] = con.execute("SELECT count(*) FROM log_pending").fetchone()[0]
            s["inbox"] = con.execute("SELECT count(*) FROM log_inbox").fetchone()[0]
            s["proofs"] = con.execute("SELECT count(*) FROM log_proof").fetchone()[0]
            s["reports"] = {bytes(i): st for i, st in con.execute("SELECT id, status FROM report")}
            return s
        finally:
            con.close()

    def convergence_gaps(self):
        """Empty when converged; else a few lines saying what is missing where."""
        snaps = {n: self.snapshot(n) for n in NODES}
        gaps = []
        for shop in SHOPS:
            own = {uid: v for (uid, origin), v in snaps[shop]["records"].items() if origin == shop}
            missing_blind = [i for i in snaps[shop]["reports"] if i not in own]
            if missing_blind:
                gaps.append(f"{shop}: {len(missing_blind)} reports without a blinded record")
            expected = {}
            for uid, (epoch, status, tokens) in own.items():
                expected[publication_id(uid, epoch)] = (epoch, status, tokens)
            for other in NODES:
                if other == shop:
                    continue
                held = {uid: v for (uid, origin), v in snaps[other]["records"].items() if origin == shop}
                missing = [u for u in expected if u not in held]
                differ = [u for u in expected if u in held and held[u] != expected[u]]
                extra = [u for u in held if u not in expected]
                if missing or differ or extra:
                    gaps.append(f"{other} holds {len(held)}/{len(expected)} of {shop}'s records "
                                f"(missing {len(missing)}, different {len(differ)}, extra {len(extra)})")
        logs = {n: snaps[n]["log"] for n in NODES}
        if len({json.dumps(sorted((k.hex(), v) for k, v in l.items())) for l in logs.values()}) != 1:
            gaps.append("logs differ: " + "; ".join(
                f"{n}: " + ",".join(f"{k.hex()[:8]}={v[0]}/{v[1]}" for k, v in sorted(l.items())) for n, l in logs.items()))
        for n in NODES:
            if snaps[n]["pending"] or snaps[n]["inbox"]:
                gaps.append(f"{n}: {snaps[n]['pending']} pending, {snaps[n]['inbox']} in the inbox")
        return gaps, snaps

    def wait_converged(self):
        deadline = now() + self.args.converge_timeout
        last = None
        polls = 0
        while True:
            polls += 1
            try:
                gaps, snaps = self.convergence_gaps()
            except sqlite3.Error as e:
                gaps, snaps = [f"read error: {e}"], None
            if not gaps:
                return True, polls, snaps, []
            if gaps != last:
                self.log("not converged yet: " + " | ".join(gaps))
                last = gaps
            if now() > deadline:
                return False, polls, snaps, gaps
            time.sleep(0.25)

    def lookup_check(self, snaps):
        """Looks every acknowledged report up at every node other than its shop (one CSV per node)."""
        epochs = {uid: v[0] for s in SHOPS for (uid, origin), v in snaps[s]["records"].items() if origin == s}
        problems = []
        checked = 0
        for node in NODES:
            recs = [r for r in self.reports.values() if r["outcome"] == "acknowledged" and r["shop"] != node]
            if not recs:
                continue
            path = os.path.join(self.work, f"lookup-{node}.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("phone,email\n")
                for r in recs:
                    f.write(f"{r['fields']['phone']},{r['fields']['email']}\n")
            res = self.run(["check", "--data-dir", self.data(node), "--csv", path, "--output-format", "json"],
                           check=False, timeout=600)
            if res.returncode not in (0, 1, 2):
                problems.append(f"{node}: check --csv exited {res.returncode}: {res.stderr.strip()[:300]}")
                continue
            rows = {}
            for line in res.stdout.splitlines():
                line = line.strip()
                if line.startswith("{"):
                    o = json.loads(line)
                    rows[o.get("row")] = o
            for i, r in enumerate(recs):
                o = rows.get(i + 2)  # row 1 is the header
                rid = bytes.fromhex(r["id"])
                want = publication_id(rid, epochs.get(rid, 1)).hex()
                ok = o is not None and any(m.get("origin") == r["shop"] and m.get("report_id") == want
                                           for m in o.get("matches", []))
                checked += 1
                if not ok:
                    problems.append(f"{node}: no match for {r['shop']}'s report #{r['n']} ({r['id']})")
        return checked, problems

    # ---------------------------------------------------------------- final checks

    def stop_all(self):
        codes = {}
        for n, p in self.serve.items():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for n, p in self.serve.items():
            try:
                codes[n] = p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill9(p)
                codes[n] = "did not stop in 60 s"
        return codes

    def verify_reports(self):
        """Acknowledged reports exist whole at their shop; killed ones are absent or whole."""
        result = {"lost": [], "damaged": [], "unknown_present": 0, "unknown_absent": 0, "failed_present": []}
        listed = {}
        for shop in SHOPS:
            r = self.run(["report", "list", "--data-dir", self.data(shop), "--json", "--limit", "1000000"])
            listed[shop] = {o["id"]: o for o in json.loads(r.stdout)}
            con = ro_connect(self.db(shop))
            try:
                rows = {}
                for row in con.execute(
                        "SELECT id, name, name_kana, phone, email, amount_yen, order_reference FROM report"):
                    rows[row[6]] = row
                events = {bytes(i): k for i, k in con.execute(
                    "SELECT report_id, group_concat(kind) FROM report_event GROUP BY report_id")}
                own = {bytes(u) for (u,) in con.execute("SELECT uid FROM blinded_record WHERE origin = ?", (shop,))}
            finally:
                con.close()
            for rec in self.reports.values():
                if rec["shop"] != shop:
                    continue
                f = rec["fields"]
                row = rows.get(f["order_ref"])
                whole = (row is not None and row[1] == f["name"] and row[2] == f["kana"] and row[3] is not None
                         and row[4] == f["email"] and row[5] == f["amount"]
                         and events.get(bytes(row[0])) == "recorded" and bytes(row[0]) in own)
                if rec["outcome"] == "acknowledged":
                    if row is None or bytes(row[0]).hex() != rec["id"] or rec["id"] not in listed[shop]:
                        result["lost"].append(rec)
                    elif not whole or listed[shop][rec["id"]].get("amount_yen") != f["amount"]:
                        result["damaged"].append(rec)
                elif rec["outcome"] == "killed":
                    if row is None:
                        result["unknown_absent"] += 1
                    else:
                        result["unknown_present"] += 1
                        if not whole:
                            result["damaged"].append(rec)
                elif row is not None:
                    result["failed_present"].append(rec)
        return result

    def integrity(self):
        out = {}
        for n in NODES:
            con = ro_connect(self.db(n))
            try:
                rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
                fk = con.execute("PRAGMA foreign_key_check").fetchall()
            finally:
                con.close()
            out[n] = "ok" if rows == ["ok"] and not fk else f"{rows[:5]} foreign keys: {fk[:5]}"
        return out

    def scan_logs(self):
        equivocation = []
        errors = collections.Counter()
        for name in sorted(os.listdir(self.logs)):
            if ".serve." not in name:
                continue
            with open(os.path.join(self.logs, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    if "equivocat" in line.lower():
                        equivocation.append(f"{name}: {line.strip()}")
                    if re.search(r"\b(error|critical|fatal)\b", line, re.I):
                        msg = re.sub(r"^\S+ ", "", line.strip())
                        msg = re.sub(r"\d+", "N", msg)
                        errors[msg[:160]] += 1
        return equivocation, errors

    # ---------------------------------------------------------------- main

    def cleanup(self):
        self.stop_stream.set()
        for p in self.serve.values():
            if p.poll() is None:
                self.kill9(p)

    def main(self):
        a = self.args
        print(f"mibarai crash soak: seed {a.seed}, {a.kills} kills, binary {self.binary}", flush=True)
        print(f"work directory: {self.work}", flush=True)
        self.setup()
        setup_s = now() - self.t0
        self.log(f"federation up in {setup_s:.1f}s; ports {self.ports}")

        streams = []
        for i, shop in enumerate(SHOPS):
            t = threading.Thread(target=self.stream, args=(shop, random.Random(a.seed * 100 + i)), daemon=True)
            t.start()
            streams.append(t)
        time.sleep(1.0)

        done = 0
        rounds = 0
        # The last kill is kept for the end: a server killed and left down while the last reports
        # are added, so that convergence is measured as a real catch-up after its restart.
        while done < a.kills - 1:
            rounds += 1
            if self.rng.random() < a.cli_share:
                if self.kill_cli():
                    done += 1
            else:
                done += self.kill_serve(a.kills - 1 - done)
            if rounds % 10 == 0:
                print(f"  {done}/{a.kills} kills ({now() - self.t0:.0f}s)", flush=True)
            time.sleep(self.rng.uniform(0, 0.5))

        down = None
        if a.kills > 0:
            down = self.rng.choice(NODES)
            p = self.serve[down]
            self.kill9(p)
            self.kills[f"serve {down}"] += 1
            self.kill_log.append(("serve (final)", down, round((now() - p.started_at) * 1000)))
            self.log(f"{down}: SIGKILL serve pid {p.pid} (final; stays down while the last reports are added)")
            done += 1
            print(f"  {done}/{a.kills} kills ({now() - self.t0:.0f}s); {down} down for the final catch-up", flush=True)
            self.stop_stream.wait(a.final_down)
        self.stop_stream.set()
        for t in streams:
            t.join()
        for n in NODES:
            if self.serve[n].poll() is not None:
                self.log(f"{n}: serve stopped (exit {self.serve[n].returncode}); starting it")
                self.start(n)
        quiet_from = max(self.last_restart, self.last_change)
        # From here on nothing is added or killed: the federation only has to settle.
        converged, polls, snaps, gaps = self.wait_converged()
        converged_at = now()
        convergence_s = converged_at - quiet_from
        since_restart_s = converged_at - self.last_restart
        since_spawn_s = converged_at - self.last_spawn
        self.log(f"converged={converged} after {convergence_s:.2f}s ({polls} polls)")

        stop_codes = self.stop_all()
        # After a graceful stop the files must still say the same.
        after_gaps, after = [], None
        try:
            after_gaps, after = self.convergence_gaps()
        except sqlite3.Error as e:
            after_gaps = [f"read error: {e}"]
        checked, lookup_problems = self.lookup_check(after) if after else (0, ["skipped: cannot read the databases"])
        reports = self.verify_reports()
        integrity = self.integrity()
        proofs = {n: self.snapshot(n)["proofs"] for n in NODES}
        equivocation, errors = self.scan_logs()
        wall = now() - self.t0
        load = os.getloadavg()

        outcomes = collections.Counter(r["outcome"] for r in self.reports.values())
        failed_adds = [r for r in self.reports.values() if r["outcome"] in ("failed", "bad-answer")]
        ok = (converged and not after_gaps and not lookup_problems and not reports["lost"]
              and not reports["damaged"] and not reports["failed_present"]
              and all(v == "ok" for v in integrity.values()) and not any(proofs.values()) and not equivocation
              and all(c == 0 for c in stop_codes.values()))

        per_shop = {s: collections.Counter(r["outcome"] for r in self.reports.values() if r["shop"] == s) for s in SHOPS}
        records = {n: len(snaps[n]["records"]) for n in NODES} if snaps else {}
        summary = {
            "result": "PASS" if ok else "FAIL",
            "seed": a.seed,
            "kills_total": sum(self.kills.values()),
            "kills": dict(sorted(self.kills.items())),
            "serve_kills_while_starting": sum(1 for k in self.kill_log if k[0] == "serve (starting)"),
            "report_add_kills_by_moment": dict(sorted(self.kills_by_mode.items())),
            "cli_kills_missed": self.missed_cli,
            "reports_acknowledged": outcomes["acknowledged"],
            "reports_acknowledged_by_shop": {s: per_shop[s]["acknowledged"] for s in SHOPS},
            "reports_unknown_killed": outcomes["killed"],
            "reports_unknown_present": reports["unknown_present"],
            "reports_unknown_absent": reports["unknown_absent"],
            "reports_failed_nonzero_exit": len(failed_adds),
            "failed_reports_present": len(reports["failed_present"]),
            "lost_acknowledged": len(reports["lost"]),
            "damaged": len(reports["damaged"]),
            "integrity_check": integrity,
            "equivocation_proofs_stored": proofs,
            "equivocation_log_lines": len(equivocation),
            "converged": converged,
            "convergence_seconds_after_last_restart": round(since_restart_s, 2),
            "convergence_seconds_after_last_spawn": round(since_spawn_s, 2),
            "convergence_seconds_after_last_change": round(convergence_s, 2),
            "final_catch_up_node": down,
            "convergence_polls": polls,
            "blinded_records_per_node": records,
            "converged_after_stop": not after_gaps,
            "lookups_checked": checked,
            "lookup_problems": len(lookup_problems),
            "serve_exit_on_sigterm": stop_codes,
            "serve_generations": dict(self.generation),
            "setup_seconds": round(setup_s, 1),
            "wall_seconds": round(wall, 1),
            "load_average": [round(x, 2) for x in load],
            "logs": self.work,
        }
        with open(os.path.join(self.work, "summary.json"), "w") as f:
            json.dump(summary, f, indent=2, ensure_ascii=False)
        with open(os.path.join(self.work, "reports.json"), "w") as f:
            json.dump(list(self.reports.values()), f, indent=1, ensure_ascii=False)

        print()
        print("==== mibarai crash soak summary ====")
        w = max(len(k) for k in summary)
        for k, v in summary.items():
            print(f"{k.ljust(w)}  {v}")
        if errors:
            print(f"\nerror lines in serve logs (by kind, numbers as N; {sum(errors.values())} in all):")
            for msg, c in errors.most_common(8):
                print(f"  {c:5d}  {msg}")
        for title, items in (("NOT CONVERGED", gaps), ("DIVERGED AFTER STOP", after_gaps),
                             ("LOOKUP PROBLEMS", lookup_problems), ("EQUIVOCATION", equivocation),
                             ("LOST", [json.dumps(r, ensure_ascii=False) for r in reports["lost"]]),
                             ("DAMAGED", [json.dumps(r, ensure_ascii=False) for r in reports["damaged"]]),
                             ("FAILED BUT PRESENT", [json.dumps(r, ensure_ascii=False) for r in reports["failed_present"]]),
                             ("FAILED ADDS", [f"#{r['n']} {r['shop']} rc={r.get('rc')}: {r.get('stderr')}" for r in failed_adds])):
            if items:
                print(f"\n{title} ({len(items)}):")
                for i in items[:20]:
                    print(f"  {i}")
        if ok and not a.keep:
            shutil.rmtree(self.work, ignore_errors=True)
            print("\nPASS (work directory removed; --keep keeps it)")
        else:
            print(f"\n{'PASS' if ok else 'FAIL'}: logs kept in {self.work}")
        return 0 if ok else 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description="Crash soak: kill -9 of report add and serve, then check for loss, "
                                             "integrity and convergence.")
    ap.add_argument("--binary", default=os.path.join(repo, ".build", "debug", "mibarai"),
                    help="the mibarai binary, with its resource bundle beside it (default: .build/debug/mibarai)")
    ap.add_argument("--kills", type=int, default=100, help="kills in all, of both kinds (default 100)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: chosen and printed)")
    ap.add_argument("--cli-share", type=float, default=0.5, help="share of rounds that kill a report add (default 0.5)")
    ap.add_argument("--gossip-interval", type=float, default=0.3, help="serve --gossip-interval (default 0.3 s)")
    ap.add_argument("--max-cli-delay", type=float, default=15.0, help="longest wait before killing a report add (s)")
    ap.add_argument("--max-serve-delay", type=float, default=2.0, help="longest wait before killing a serve (s)")
    ap.add_argument("--max-down", type=float, default=2.0, help="longest time a killed serve stays down (s)")
    ap.add_argument("--stream-pause", type=float, default=0.6, help="longest pause between background adds (s)")
    ap.add_argument("--final-down", type=float, default=8.0,
                    help="how long the last killed server stays down while the last reports are added (s)")
    ap.add_argument("--converge-timeout", type=float, default=300, help="deadline for convergence (s)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory even when everything passes")
    ap.add_argument("--verbose", action="store_true", help="print every event (always in logs/events.log)")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 1_000_000)
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no mibarai binary at {args.binary} (build it, or give --binary PATH)")
    soak = Soak(args)

    def on_signal(signum, _frame):
        soak.cleanup()
        print(f"\ninterrupted; logs kept in {soak.work}", file=sys.stderr)
        os._exit(130)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        code = soak.main()
    except Exception as e:  # noqa: BLE001
        soak.cleanup()
        print(f"\nFAIL: {type(e).__name__}: {e}\nlogs kept in {soak.work}", file=sys.stderr)
        code = 2
    sys.exit(code)


if __name__ == "__main__":
    main()
