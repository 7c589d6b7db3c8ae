import Foundation
import MibaraiCore
import MibaraiNode
import NIOCore
import NIOPosix

/// Part 9: the shop owner's web page, served by a release `mibarai serve` (a real process, on
/// loopback) of a node whose SQLite file holds `--records` blinded records from other shops, a few
/// hundred of the shop's own reports and some cases.
///
/// 9a: the pages a shop owner opens, under `--web-concurrency` keep-alive connections signed in
/// with the password, each beside a baseline measured in the same run: `POST /check` beside
/// `POST /v1/screen` with the same orders (its JSON twin, same listener, same connections); the
/// pages without a JSON twin beside their use cases called directly on the same file, with the same
/// concurrency (the work a page cannot avoid; the difference is HTTP, session and rendering).
/// Page and baseline alternate in two halves (page first, then baseline first).
///
/// 9b: a CSV of `--orders` orders uploaded through the page (`POST /csv`, multipart, CSRF token),
/// the job page polled every 200 ms until it shows the results, beside `mibarai check --csv FILE
/// --output-format csv` on the same node and file; `--web-csv-rounds` rounds, which side goes
/// first alternating.
struct WebPageBench {
    struct PageRun {
        var name: String
        var page: Latencies
        var baseline: Latencies
        var baselineName: String
        var requests: Int
        var pageSeconds: Double
        var baselineSeconds: Double
        /// CPU seconds spent per request: the server's for the page (and an HTTP baseline), this
        /// process's for a direct baseline (its client is idle then). Less moved by other load than latency.
        var pageCPU: Double
        var baselineCPU: Double
        var bytes: Int
    }

    struct CSVRound {
        var cliSeconds = 0.0
        var webSeconds = 0.0
        var uploadSeconds = 0.0
        /// The last poll that did not yet show the results (the job finished after it).
        var webLowerSeconds = 0.0
        var polls = 0
        /// Polls whose progress value differed from the poll before.
        var changes = 0
        /// Longest time between two changes of the progress value (upload answered and results
        /// shown count as changes).
        var longestGap = 0.0
        var firstChange = 0.0
        var pollLatencies: [Double] = []
        var timeline: [(Double, Int)] = []
    }

    struct Result {
        var records = 0
        var reports = 0
        var cases = 0
        var fillSeconds = 0.0
        var pages: [PageRun] = []
        var floor = Latencies([])
        var csvOrders = 0
        var csvBytes = 0
        var csvRounds: [CSVRound] = []
        var annotatedLines = 0
        var serverCPUSeconds = 0.0
        var serverStartSeconds = 0.0
        /// Connections opened again after the server closed them idle (30 s, during a direct baseline).
        var reconnects = 0
        /// Rows of the home page's "needs attention" list when the pages are timed.
        var attentionRows = 0
    }

    static let password = "bench-web-password-0123"
    let options: BenchOptions
    let synthetic: SyntheticIdentities

    var requests: Int { options.webRequests }
    var concurrency: Int { options.webConcurrency }

    // MARK: the node

    /// `mibarai init`, the web page's password, then the node's file filled in this process: the
    /// blinded records (other shops', under the node's own key, as gossip would have stored them),
    /// the shop's own reports and cases through the node's use cases.
    func makeNode(_ dir: String, result: inout Result, log: (String) -> Void) throws {
        try NodeProcess.run(["init", "--data-dir", dir, "--node-id", "bench-shop"])
        try NodeProcess.run(["web", "password", "--data-dir", dir], input: Data((Self.password + "\n").utf8))
        let node = try Node.open(URL(fileURLWithPath: dir, isDirectory: true))
        let lookup = LookupBench(options: options, synthetic: synthetic, blinder: node.blinder)
        let sw = Stopwatch()
        for start in stride(from: 0, to: options.records, by: options.loadBatch) {
            try node.database.store((start..<min(start + options.loadBatch, options.records)).map(lookup.record(_:)))
        }
        result.records = options.records
        result.fillSeconds = sw.elapsedSeconds
        log(String(format: "part 9: %d blinded records stored in %.1f s", options.records, result.fillSeconds))
        var rng = SplitMix64(seed: synthetic.seed, stream: 90, index: 0)
        var reports: [MibaraiCore.Report] = []
        for i in 0..<options.webReports {
            let person = options.records + 70_000_000 + i
            let incident = node.today.adding(days: -(1 + i % 300))
            let r = try node.recordReport(Node.ReportDraft(
                identity: synthetic.raw(person), category: i % 7 == 0 ? .codRefusal : .nonPayment,
                amountYen: 1_000 + rng.below(60_000), orderReference: "W-\(i)", orderDate: incident.adding(days: -20),
                shipDate: incident.adding(days: -18), incidentDate: incident, notes: i % 5 == 0 ? "電話に出ない" : nil))
            reports.append(r)
        }
        result.reports = reports.count
        for i in 0..<options.webCases {
            let r = reports[i % reports.count]
            let opened = r.incidentDate
            let c = try node.openCase(Node.CaseDraft(
                identity: Identity(), order: CaseOrder(dueDate: opened.adding(days: -1), paymentMethod: "NP後払い", items: "SKU-\(i) x1",
                                                       amountYen: r.amountYen),
                openedOn: opened, fromReport: r.id.description))
            // A few cases have a part payment; most a call or two after it.
            if i % 5 == 4 { _ = try node.logCaseEvent(c.number, CaseEvent(date: opened, kind: .payment, amountYen: 500)) }
            for k in 0..<(i % 3) {
                let day = opened.adding(days: 1 + k)
                guard day <= node.today else { break }
                _ = try node.logCaseEvent(c.number, CaseEvent(date: day, kind: k == 0 ? .callMade : .noAnswer, note: "bench"))
            }
        }
        result.cases = options.webCases
        log("part 9: \(reports.count) reports and \(options.webCases) cases recorded")
    }

    // MARK: orders

    /// `count` orders: a tenth from stored people (most match a record), the rest new; some pay later.
    func orders(count: Int) -> [(reference: String, billing: Identity, amount: Int, payment: String)] {
        var r = SplitMix64(seed: synthetic.seed, stream: 91, index: 0)
        return (0..<count).map { j in
            let person = r.chance(0.1) ? r.below(options.records) : options.records + 80_000_000 + j
            return ("WEB-\(j)", synthetic.raw(person), 1_000 + r.below(30_000), j % 3 == 0 ? "postpay" : "card")
        }
    }

    static func checkForm(_ o: (reference: String, billing: Identity, amount: Int, payment: String), csrf: String) -> ByteBuffer {
        let b = o.billing
        let fields: [(String, String)] = [
            ("csrf", csrf), ("name", b.name ?? ""), ("kana", b.nameKana ?? ""), ("postal_code", b.postalCode ?? ""),
            ("address", b.address ?? ""), ("phone", b.phone ?? ""), ("email", b.email ?? ""), ("amount", "\(o.amount)"),
            ("payment", o.payment), ("delivery", ""), ("reference", o.reference),
        ]
        return ByteBuffer(string: WebConnection.urlEncoded(fields))
    }

    static func screenJSON(_ o: (reference: String, billing: Identity, amount: Int, payment: String)) -> ByteBuffer {
        struct Body: Encodable { var reference: String; var payment: String; var billing: Identity; var items: [OrderItem] }
        let body = Body(reference: o.reference, payment: o.payment, billing: o.billing, items: [OrderItem(quantity: 1, unitPriceYen: o.amount)])
        return ByteBuffer(bytes: try! JSONEncoder().encode(body))
    }

    // MARK: the run

    func run(directory: String, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        let dir = (directory as NSString).appendingPathComponent("web-node")
        try? FileManager.default.removeItem(atPath: dir)
        try makeNode(dir, result: &result, log: log)

        let startClock = Stopwatch()
        let serve = try NodeProcess(serve: ["--data-dir", dir, "--api-port", "0", "--no-federation", "--log-level", "warning"],
                                    logPrefix: (directory as NSString).appendingPathComponent("web-serve"))
        defer { serve.stop() }
        let port = try serve.announcedPort(after: "web page on http://127.0.0.1:", timeout: 600)
        result.serverStartSeconds = startClock.elapsedSeconds
        let token = try String(contentsOfFile: (dir as NSString).appendingPathComponent("api-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        log(String(format: "part 9: mibarai serve (pid %d) up in %.1f s, web page and API on 127.0.0.1:%d", serve.pid, result.serverStartSeconds, port))
        // The same file, opened in this process for the baselines that call the use cases directly.
        let node = try Node.open(URL(fileURLWithPath: dir, isDirectory: true))

        let elg = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var conns: [WebConnection] = []
        for _ in 0..<concurrency { conns.append(try await WebConnection.connect(port: port, on: elg)) }
        let csrf = try await conns[0].signIn(password: Self.password)
        for c in conns.dropFirst() { c.cookie = conns[0].cookie }
        log("part 9: signed in; \(concurrency) connections share the session (one owner, several tabs)")
        let caseNumbers = try node.cases().map(\.number)
        guard !caseNumbers.isEmpty else { throw BenchError("part 9: the node holds no case") }
        let checkOrders = self.orders(count: 2_000)
        let auth = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")]
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        // A day of the shop's orders screened through the API first (untimed), so the home page's
        // "needs attention" list has its rows, as it has on a shop's node.
        _ = try await load(conns, count: options.webHistory, offset: 100_000) { c, i in
            try await c.send(.POST, "/v1/screen", headers: auth, body: Self.screenJSON(checkOrders[i % checkOrders.count]))
        }
        result.attentionRows = try node.ordersNeedingAttention().count
        log("part 9: \(options.webHistory) orders screened through the API beforehand; the home page lists \(result.attentionRows) needing attention")
        let cpu0 = serve.cpuSeconds()

        // The HTTP floor: the style sheet, a static answer behind the same guard.
        result.floor = Latencies(try await load(conns, count: requests) { c, _ in
            try await c.send(.GET, "/static/mibarai.css")
        }.samples)

        typealias Request = @Sendable (WebConnection, Int) async throws -> WebConnection.Answer
        let scenarios: [(String, Request, String, Baseline)] = [
            ("GET / (home)", { c, _ in try await c.send(.GET, "/") },
             "dueCases + ordersNeedingAttention + reviews, direct", .direct { n, _ in
                 _ = try n.dueCases().due
                 _ = try n.ordersNeedingAttention()
                 _ = try n.reviews()
             }),
            ("GET /reports (first page)", { c, _ in try await c.send(.GET, "/reports") },
             "listReports(limit: 50), direct", .direct { n, _ in _ = try n.listReports(status: nil, limit: 50) }),
            ("GET /cases", { c, _ in try await c.send(.GET, "/cases") },
             "cases + next steps, direct", .direct { n, _ in _ = try n.cases().map { $0.nextStep(policy: n.dunning) } }),
            ("GET /cases/N (a case)", { c, i in try await c.send(.GET, "/cases/\(caseNumbers[i % caseNumbers.count])") },
             "findCase + next step, direct", .direct { n, i in _ = try n.findCase(caseNumbers[i % caseNumbers.count]).nextStep(policy: n.dunning) }),
            ("POST /check (one order)", { c, i in try await c.send(.POST, "/check", headers: form, body: Self.checkForm(checkOrders[i % checkOrders.count], csrf: csrf)) },
             "POST /v1/screen, same orders", .http { c, i in try await c.send(.POST, "/v1/screen", headers: auth, body: Self.screenJSON(checkOrders[i % checkOrders.count])) }),
        ]
        for (name, page, baselineName, baseline) in scenarios {
            // Untimed warm-up of both sides.
            _ = try await load(conns, count: concurrency * 20, offset: 50_000, page)
            _ = try await run(baseline, node: node, conns: conns, count: concurrency * 20, offset: 50_000)
            var p: [Double] = [], b: [Double] = []
            var ps = 0.0, bs = 0.0
            var pc = 0.0, bc = 0.0
            var bytes = 0
            let half = requests / 2
            for round in 0..<2 {
                for side in round == 0 ? [true, false] : [false, true] {
                    if side {
                        let c0 = serve.cpuSeconds()
                        let r = try await load(conns, count: half, offset: round * half, page)
                        pc += serve.cpuSeconds() - c0
                        p += r.samples
                        ps += r.seconds
                        bytes = r.bytes / max(1, half)
                    } else {
                        let direct = if case .direct = baseline { true } else { false }
                        let c0 = direct ? Self.ownCPUSeconds() : serve.cpuSeconds()
                        let r = try await run(baseline, node: node, conns: conns, count: half, offset: round * half)
                        bc += (direct ? Self.ownCPUSeconds() : serve.cpuSeconds()) - c0
                        b += r.samples
                        bs += r.seconds
                    }
                }
            }
            let measured = PageRun(name: name, page: Latencies(p), baseline: Latencies(b), baselineName: baselineName,
                                   requests: p.count, pageSeconds: ps, baselineSeconds: bs,
                                   pageCPU: pc / Double(p.count), baselineCPU: bc / Double(b.count), bytes: bytes)
            log(String(format: "part 9: %@: p50 %.2f ms p99 %.2f ms (%d B, %.2f CPU ms); baseline %@: p50 %.2f ms p99 %.2f ms (%.2f CPU ms)",
                       name, measured.page.percentile(0.5) / 1e6, measured.page.percentile(0.99) / 1e6, bytes, measured.pageCPU * 1e3, baselineName,
                       measured.baseline.percentile(0.5) / 1e6, measured.baseline.percentile(0.99) / 1e6, measured.baselineCPU * 1e3))
            result.pages.append(measured)
        }
        result.serverCPUSeconds = serve.cpuSeconds() - cpu0

        // 9b: the CSV.
        let csvPath = (directory as NSString).appendingPathComponent("web-orders.csv")
        let bench = ScreeningBench(options: options, synthetic: synthetic, keyring: node.keyring)
        result.csvBytes = try bench.writeCSV(to: csvPath, hitShare: 0.1)
        result.csvOrders = options.orders
        defer { if !options.keep { try? FileManager.default.removeItem(atPath: csvPath) } }
        let file = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        log("part 9: \(options.orders) orders in \(csvPath) (\(result.csvBytes) bytes); \(options.webCSVRounds) rounds of check --csv and the page")
        let uploader = conns[0]
        for round in 1...options.webCSVRounds {
            var r = CSVRound()
            for side in round % 2 == 1 ? [true, false] : [false, true] {
                if side {
                    let (_, s) = try Stopwatch.time {
                        try NodeProcess.run(["check", "--csv", csvPath, "--output-format", "csv", "--data-dir", dir])
                    }
                    r.cliSeconds = s
                } else {
                    if let lines = try await upload(file, on: uploader, round: &r, fetchAnnotated: round == 1) { result.annotatedLines = lines }
                }
            }
            log(String(format: "part 9: CSV round %d: check --csv %.2f s; page %.2f s (upload answered after %.2f s; results shown after %.2f s, not yet at %.2f s); %d polls, %d progress changes, longest gap %.2f s",
                       round, r.cliSeconds, r.webSeconds, r.uploadSeconds, r.webSeconds, r.webLowerSeconds, r.polls, r.changes, r.longestGap))
            log("part 9: CSV round \(round) progress (s: done): " + r.timeline.map { String(format: "%.1f:%d", $0.0, $0.1) }.joined(separator: " "))
            result.csvRounds.append(r)
        }
        result.reconnects = conns.reduce(0) { $0 + $1.reconnects }
        for c in conns { await c.close() }
        try await elg.shutdownGracefully()
        return result
    }

    // MARK: load

    /// User + system CPU seconds of this process so far.
    static func ownCPUSeconds() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
    }

    enum Baseline {
        case direct(@Sendable (Node, Int) throws -> Void)
        case http(@Sendable (WebConnection, Int) async throws -> WebConnection.Answer)
    }

    func run(_ baseline: Baseline, node: Node, conns: [WebConnection], count: Int, offset: Int) async throws -> (samples: [Double], seconds: Double) {
        switch baseline {
        case .http(let request):
            let r = try await load(conns, count: count, offset: offset, request)
            return (r.samples, r.seconds)
        case .direct(let call):
            return try Self.direct(node: node, threads: concurrency, count: count, offset: offset, call)
        }
    }

    /// `count` calls of a use case on `threads` threads at once, each call timed.
    static func direct(node: Node, threads: Int, count: Int, offset: Int, _ call: @Sendable (Node, Int) throws -> Void) throws -> (samples: [Double], seconds: Double) {
        let samples = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        samples.initialize(repeating: 0)
        defer { samples.deallocate() }
        nonisolated(unsafe) let out = samples
        let failures = Failures()
        let clock = ContinuousClock()
        let sw = Stopwatch()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var i = t
            while i < count {
                let t0 = clock.now
                do { try call(node, offset + i) } catch { failures.add("\(error)") }
                out[i] = Stopwatch.nanoseconds(clock.now - t0)
                i += threads
            }
        }
        if let f = failures.first { throw BenchError("part 9: a direct call failed: \(f)") }
        return (Array(samples), sw.elapsedSeconds)
    }

    /// `count` requests spread over the connections, one at a time on each; any answer but 200
    /// (or 303 where a page redirects) is an error.
    func load(_ conns: [WebConnection], count: Int, offset: Int = 0,
              _ request: @escaping @Sendable (WebConnection, Int) async throws -> WebConnection.Answer) async throws
        -> (samples: [Double], seconds: Double, bytes: Int) {
        let clock = ContinuousClock()
        let start = clock.now
        let n = conns.count
        let outcome = try await withThrowingTaskGroup(of: ([Double], Int).self) { tasks in
            for (k, c) in conns.enumerated() {
                tasks.addTask {
                    var samples: [Double] = []
                    var bytes = 0
                    var i = k
                    while i < count {
                        let t0 = clock.now
                        let a = try await request(c, offset + i)
                        samples.append(Stopwatch.nanoseconds(clock.now - t0))
                        guard a.status == 200 else { throw BenchError("part 9: a request answered \(a.status): \(a.text.prefix(300))") }
                        bytes += a.body.readableBytes
                        i += n
                    }
                    return (samples, bytes)
                }
            }
            var all: [Double] = []
            var bytes = 0
            for try await (s, b) in tasks {
                all += s
                bytes += b
            }
            return (all, bytes)
        }
        return (outcome.0, Stopwatch.seconds(clock.now - start), outcome.1)
    }
}
