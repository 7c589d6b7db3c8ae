#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MibaraiTestSupport
import Testing

/// A real `mibarai serve` hub under a low open-file limit (`ulimit -n 400`), its gossip and
/// federation ports held full of idle connections from many loopback addresses, as strangers
/// would: further connections are closed at once, and meanwhile the screening API answers, a
/// member joins the gossip and its report arrives, and the process neither dies nor spins.
@Suite("Connection cap (real processes)")
struct ConnectionCapTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    /// The values of `name{labels} value` lines in a Prometheus text answer, keyed by their labels.
    static func samples(_ metrics: String, _ name: String) -> [String: Double] {
        var found: [String: Double] = [:]
        for line in metrics.split(separator: "\n") where line.hasPrefix(name + "{") {
            guard let close = line.lastIndex(of: "}"), let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) else { continue }
            found[String(line[line.index(line.startIndex, offsetBy: name.count + 1)..<close])] = value
        }
        return found
    }

    /// User and system CPU seconds of process `pid` so far (`/proc/<pid>/stat`, fields 14 and 15).
    static func cpuSeconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may hold spaces) start after its closing parenthesis.
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        let ticks = Double(fields[11])! + Double(fields[12])!  // utime, stime: fields 14 and 15 of the whole line
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// How much of one core process `pid` used from now until `happened` holds: a window that
    /// ends on something the process was seen to do, not after a fixed time. Nil when it did
    /// not happen within `deadline` seconds.
    static func coresUsed(_ pid: Int32, until happened: () throws -> Bool, deadline: Double = 30) throws -> Double? {
        let before = try cpuSeconds(pid)
        let start = Date()
        while try !happened() {
            guard Date().timeIntervalSince(start) < deadline else { return nil }
            Thread.sleep(forTimeInterval: 0.1)  // between two looks at the signal
        }
        return (try cpuSeconds(pid) - before) / Date().timeIntervalSince(start)
    }

    @Test func atTheCapTheAPIAndTheMembersGossipAreServedAndNothingSpins() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        // A hub keeping 16 gossip links (not 512), so that 400 open files are enough.
        let config = dir.path("hub/mibarai.toml")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try #require(text.contains("max_connections = 0"))
        try text.replacingOccurrences(of: "max_connections = 0", with: "max_connections = 16").write(toFile: config, atomically: true, encoding: .utf8)

        let (hub, gossipPort) = try federation.start("hub", fileLimit: 400)
        defer { hub.stop() }
        let pid = hub.process.processIdentifier
        let federationPort = Int(try #require(hub.waitForLine(/federation listener on https:\/\/127\.0\.0\.1:([0-9]+)/), "\(hub.stdout)"))!
        let line = try #require(hub.stdout.firstMatch(
            of: /connections: open-file limit ([0-9]+), ([0-9]+) reserved; API ([0-9]+), members ([0-9]+), unverified ([0-9]+) \(([0-9]+) per address\)/),
            "\(hub.stdout)")
        let (limit, api, members, unverified, perAddress) = (Int(line.1)!, Int(line.3)!, Int(line.4)!, Int(line.5)!, Int(line.6)!)
        #expect(limit == 400)
        print("connection cap: open-file limit \(limit), reserved \(line.2); API \(api), members \(members), unverified \(unverified), \(perAddress) per address")

        let token = try String(contentsOfFile: dir.path("hub/api-token"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        func metrics() throws -> String {
            let r = try HTTPTestClient.request("GET", port: hub.port, path: "/metrics", headers: ["Authorization": "Bearer \(token)"])
            #expect(r.status == 200)
            return r.text
        }
        func open(_ share: String) throws -> Int { Int(Self.samples(try metrics(), "mibarai_connections_open")["share=\"\(share)\""] ?? -1) }

        // Strangers fill the unverified share: `perAddress` connections from each of 127.0.1.1,
        // 127.0.1.2, …, alternately to the gossip and the federation port.
        let targets = (0..<unverified).map { i in
            IdleConnectionHolder.Target(source: "127.0.1.\(i / perAddress + 1)", port: i % 2 == 0 ? gossipPort : federationPort)
        }
        let holder = IdleConnectionHolder(targets)
        defer { holder.stop() }
        #expect(holder.openCount == unverified)
        #expect(try federation.eventually(15) { try open("unverified") == unverified }, "the hub never held \(unverified) unverified connections: \((try? open("unverified")) ?? -1)")
        print("connection cap: \(holder.openCount) idle connections held from \(Set(targets.map(\.source)).count) addresses")

        // (a) A further connection from an address that holds its share is closed at once, not
        // left hanging (the handshake timeout would close it after 10 s).
        let extra = IdleConnectionHolder.open(from: "127.0.1.1", to: gossipPort)
        #expect(extra >= 0)
        let closedAfter = IdleConnectionHolder.secondsUntilClosed(extra, limit: 8)
        close(extra)
        #expect(closedAfter != nil && closedAfter! < 3, "a connection over its address's share was not closed at once: \(String(describing: closedAfter))")
        print("connection cap: a connection over its address's share closed after \(String(format: "%.3f", closedAfter ?? -1)) s")

        // From here the strangers hold their share: whatever the hub closes is opened again.
        holder.start()

        // (b) The screening API answers, every request, with its p99 measured.
        var seconds: [Double] = []
        var statuses: [Int: Int] = [:]
        let body = Data(#"{"billing": {"phone": "080-2468-1357"}}"#.utf8)
        for _ in 0..<200 {
            let start = Date()
            let r = try HTTPTestClient.request("POST", port: hub.port, path: "/v1/screen", headers: ["Authorization": "Bearer \(token)"], body: body)
            seconds.append(Date().timeIntervalSince(start))
            statuses[r.status, default: 0] += 1
        }
        seconds.sort()
        let p50 = seconds[99], p99 = seconds[197], worst = seconds[199]
        #expect(statuses == [200: 200], "\(statuses)")
        #expect(p99 < 2, "API p99 \(p99) s at the cap")
        print("connection cap: API at the cap: 200 × 200 OK, p50 \(String(format: "%.1f", p50 * 1_000)) ms, p99 \(String(format: "%.1f", p99 * 1_000)) ms, max \(String(format: "%.1f", worst * 1_000)) ms")

        // (c) A member starts now, dials the hub through the strangers, and its report arrives.
        let (shop, _) = try federation.start("shop-a", peers: ["hub@127.0.0.1:\(gossipPort)"])
        defer { shop.stop() }
        let reported = Date()
        try federation.mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "3300",
                                "--phone", "080-7777-0001", "--incident-date", "2026-11-01"])
        let arrived = try federation.eventually(30) { try !federation.lookup("hub", phone: "080-7777-0001").isEmpty }
        let arrival = Date().timeIntervalSince(reported)
        #expect(arrived, "shop-a's report never reached the hub at the cap: \(hub.stderr)")
        #expect(try open("members") >= 1, "shop-a's connection is not in the members' share")
        print("connection cap: shop-a's report reached the hub \(String(format: "%.2f", arrival)) s after it was recorded, at the cap")

        // (d) Alive, and not spinning: CPU while the hub goes on closing strangers whose
        // handshake never came (each re-opened by the holder) — ten of them.
        let reopenedBefore = holder.reopened
        let cpu = try #require(try Self.coresUsed(pid, until: { holder.reopened >= reopenedBefore + 10 }),
                               "the hub closed no held stranger within 30 s")
        #expect(hub.process.isRunning)
        #expect(cpu < 0.5, "the hub used \(cpu) of a core while held at the cap")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
        let now = try metrics()
        let refused = Self.samples(now, "mibarai_connections_refused_total")
        print("connection cap: hub CPU \(String(format: "%.1f", cpu * 100)) % of a core while held; \(files) files open; stranger connections re-opened \(holder.reopened); refused \(refused.sorted { $0.key < $1.key })")
        #expect((refused["listener=\"gossip\",reason=\"address\""] ?? 0) >= 1)
        #expect(Self.samples(now, "mibarai_connections_open")["share=\"unverified\""] ?? 0 <= Double(unverified))
        #expect(files > 0 && files < limit)

        // Released: the strangers leave, and new connections are taken again, from an address
        // that was full too.
        holder.stop()
        #expect(try federation.eventually(15) { try open("unverified") == 0 }, "the hub still counts unverified connections: \((try? open("unverified")) ?? -1)")
        let again = IdleConnectionHolder.open(from: "127.0.1.1", to: federationPort)
        defer { close(again) }
        #expect(again >= 0)
        #expect(try federation.eventually(10) { try open("unverified") == 1 }, "a new connection was not taken after the strangers left")
        #expect(!IdleConnectionHolder.closedByPeer(again))
        // A member's HTTPS call is answered.
        let hello = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/curl"), [
            "-sS", "--max-time", "20", "--cacert", dir.path("hub/federation/root.pem"),
            "--cert", dir.path("shop-a/federation/node.pem"), "--key", dir.path("shop-a/tls.key"),
            "--resolve", "hub:\(federationPort):127.0.0.1", "https://hub:\(federationPort)/v1/federation/hello"])
        #expect(hello.status == 0 && hello.stdout.contains("shop-a"), "\(hello.allOutput)")

        // A member's connection to the federation port moves to the members' share once its
        // handshake is done (shop-a stopped first, so that its gossip link is not counted).
        #expect(shop.stop() == 0)
        #expect(try federation.eventually(15) { try open("members") == 0 }, "members: \((try? open("members")) ?? -1)")
        let member = Process()
        member.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        member.arguments = ["s_client", "-quiet", "-connect", "127.0.0.1:\(federationPort)", "-tls1_3", "-CAfile", dir.path("hub/federation/root.pem"),
                            "-cert", dir.path("shop-a/federation/node.pem"), "-key", dir.path("shop-a/tls.key")]
        let input = Pipe()
        member.standardInput = input
        member.standardOutput = FileHandle.nullDevice
        member.standardError = FileHandle.nullDevice
        try member.run()
        #expect(try federation.eventually(10) { try open("members") == 1 }, "a member's HTTPS connection is not in the members' share")
        member.terminate()
        member.waitUntilExit()
        #expect(try federation.eventually(15) { try open("members") == 0 }, "the member's connection ended but its slot is held")

        #expect(hub.stop() == 0, "\(hub.stderr)")
    }

    /// The open-file limit of process `pid`, soft and hard (`/proc/<pid>/limits`).
    static func fileLimit(_ pid: Int32) throws -> (soft: String, hard: String) {
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let m = try #require(limits.firstMatch(of: /Max open files +([0-9a-z]+) +([0-9a-z]+)/))
        return (String(m.1), String(m.2))
    }

    /// Something else than accepted connections takes the node's files (here: its soft limit
    /// lowered under it with `prlimit`), and connections wait in both ports' backlogs: accepting
    /// fails with EMFILE, pauses instead of spinning, and takes the connections once files are free.
    @Test func anAcceptFailingForWantOfFilesPausesInsteadOfSpinning() throws {
        try federation.create()
        try federation.join("shop-a")
        let (shop, gossipPort) = try federation.start("shop-a")
        defer { shop.stop() }
        let pid = shop.process.processIdentifier
        let federationPort = Int(try #require(shop.waitForLine(/federation listener on https:\/\/127\.0\.0\.1:([0-9]+)/), "\(shop.stdout)"))!
        let token = try String(contentsOfFile: dir.path("shop-a/api-token"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        func metrics() throws -> String {
            try HTTPTestClient.request("GET", port: shop.port, path: "/metrics", headers: ["Authorization": "Bearer \(token)"]).text
        }
        #expect(try metrics().contains("mibarai_connections_open"))
        let (_, hard) = try Self.fileLimit(pid)

        // The soft limit down to the files open now: no descriptor is left for an accept.
        let inUse = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
        let lowered = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/prlimit"), ["--pid", "\(pid)", "--nofile=\(inUse):\(hard)"])
        try #require(lowered.status == 0, "\(lowered.allOutput)")
        let waiting = (0..<12).map { i in
            IdleConnectionHolder.open(from: "127.0.3.\(i % 4 + 1)", to: i % 2 == 0 ? gossipPort : federationPort)
        }
        defer { waiting.forEach { close($0) } }
        #expect(waiting.allSatisfy { $0 >= 0 }, "the kernel takes the connections into the backlog")

        // CPU over a 3 s window while accepting fails. A window of time, not a wait for a
        // signal: no signal can be read here (the API's /metrics needs an accept too), and what
        // is asserted is a rate (CPU per second, failed accepts per second, below), each checked
        // to be more than nothing.
        let windowStart = Date()
        let before = try Self.cpuSeconds(pid)
        Thread.sleep(forTimeInterval: 3)
        let cpu = (try Self.cpuSeconds(pid) - before) / Date().timeIntervalSince(windowStart)
        #expect(shop.process.isRunning)
        #expect(cpu < 0.2, "\(cpu) of a core with accepts failing: spinning")

        // Files free again: the waiting connections are taken (within the 1 s pause).
        let restored = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/prlimit"), ["--pid", "\(pid)", "--nofile=\(hard):\(hard)"])
        try #require(restored.status == 0, "\(restored.allOutput)")
        var taken = 0.0
        #expect(try federation.eventually(15) {
            taken = Self.samples(try metrics(), "mibarai_connections_open")["share=\"unverified\""] ?? 0
            return taken >= 11
        }, "the waiting connections were not taken: \(taken)")
        // Each listener tried again a few times a second (0.25 s pauses), not thousands of times.
        let refused = Self.samples(try metrics(), "mibarai_connections_refused_total")
        let failed = ["gossip", "federation"].map { refused["listener=\"\($0)\",reason=\"accept_error\""] ?? 0 }
        let seconds = Date().timeIntervalSince(windowStart)
        #expect(failed.allSatisfy { $0 >= 1 }, "no accept failed: \(refused)")
        #expect(failed.allSatisfy { $0 <= 10 * seconds }, "accepts retried \(failed) times in \(seconds) s: spinning")
        print("connection cap: accepts failing for want of files: CPU \(String(format: "%.1f", cpu * 100)) % of a core over 3 s; failed accepts (gossip, federation) \(failed.map { Int($0) }) in \(String(format: "%.1f", seconds)) s; then \(Int(taken)) waiting connections taken")
        #expect(shop.stop() == 0)
    }
}
