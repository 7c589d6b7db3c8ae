import Foundation
import MibaraiCore

extension BenchMain {
    /// Part 9 (`--only-web`): the shop owner's web page on a real `mibarai serve`.
    static func web(_ o: BenchOptions, synthetic: SyntheticIdentities, report: inout Report) async throws {
        let dir: String
        if let d = o.directory {
            dir = d
        } else {
            dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("mibarai-bench-web-\(getpid())")
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer {
            if !o.keep {
                // A directory given with --dir keeps whatever else it holds.
                let mine = o.directory == nil ? [dir] : ["web-node", "web-serve.out", "web-serve.err", "web-orders.csv"].map { (dir as NSString).appendingPathComponent($0) }
                for path in mine { try? FileManager.default.removeItem(atPath: path) }
            }
        }
        guard FileManager.default.isExecutableFile(atPath: NodeProcess.executable.path) else {
            throw BenchError("part 9 runs \(NodeProcess.executable.path): build it with swift build -c release --product mibarai")
        }
        let r = try await WebPageBench(options: o, synthetic: synthetic).run(directory: dir, log: { log($0) })

        let s9 = "9 web page of mibarai serve (real process) holding \(Report.grouped(Double(r.records))) blinded records, \(o.webConcurrency) connections"
        let p99Goal = Report.Goal(op: .atMost, threshold: 50)
        for p in r.pages {
            let tag = "[\(p.name)]"
            report.add(s9, "\(tag) p50 latency", "ms", p.page.percentile(0.5) / 1e6, baseline: p.baseline.percentile(0.5) / 1e6, p.baselineName)
            report.add(s9, "\(tag) p99 latency", "ms", p.page.percentile(0.99) / 1e6, baseline: p.baseline.percentile(0.99) / 1e6, p.baselineName,
                       goal: p99Goal)
            report.add(s9, "\(tag) requests per second", "/s", Double(p.requests) / p.pageSeconds,
                       baseline: Double(p.baseline.sorted.count) / p.baselineSeconds, p.baselineName)
            report.add(s9, "\(tag) CPU per request", "ms", p.pageCPU * 1e3, baseline: p.baselineCPU * 1e3, p.baselineName)
        }
        report.add(s9, "[GET /static/mibarai.css] p50 latency (HTTP floor)", "ms", r.floor.percentile(0.5) / 1e6)
        report.add(s9, "[GET /static/mibarai.css] p99 latency (HTTP floor)", "ms", r.floor.percentile(0.99) / 1e6)
        report.settings["part 9 inputs"] = String(
            format: "node: %d blinded records of other shops (stored under the node's key, %.1f s), %d of the shop's reports, %d cases (some with calls and a part payment), made by mibarai init + web password, then the use cases in this process; %d orders screened through POST /v1/screen before the pages are timed (the home page then lists %d needing attention); mibarai serve --no-federation --api-port 0 (up in %.1f s); %d requests per page and as many for its baseline, in two halves (page first, then baseline first), after %d untimed of each; the %d connections share one signed-in session; check orders: 2,000 distinct, a tenth from stored people, a third pay later",
            r.records, r.fillSeconds, r.reports, r.cases, o.webHistory, r.attentionRows, r.serverStartSeconds, o.webRequests, o.webConcurrency * 20, o.webConcurrency)
        report.notes["part 9 page sizes"] = r.pages.map { "\($0.name) \($0.bytes) B" }.joined(separator: ", ")
        report.notes["part 9 baselines"] = "POST /check: POST /v1/screen with the same orders on the same connections (its JSON twin: the same OrderScreener behind the bearer token). The other pages have no JSON twin: their baseline is the node use cases each calls (the same file, opened in this process, the same number of threads at once), i.e. the work a page cannot avoid; page minus baseline is HTTP + session + rendering. The HTTP floor is the style sheet behind the same Host/CSP guard. CPU per request = the server's user + system CPU seconds (/proc/PID/stat) over the page's requests (and over an HTTP baseline's), this process's (getrusage) over a direct baseline's calls, its client being idle then; it moves less with other load than latency"
        report.notes["part 9 server CPU"] = String(format: "mibarai serve used %.1f CPU s during 9a", r.serverCPUSeconds)
        report.notes["part 9 connections"] = "\(r.reconnects) connections were opened again after the server closed them idle (its 30 s idle timeout, while a direct baseline ran), as a browser does; the request that reopened one is timed with its connect"

        guard !r.csvRounds.isEmpty else { return }
        let s9b = "9b CSV of \(Report.grouped(Double(r.csvOrders))) orders uploaded through the page (real process)"
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[(s.count - 1) / 2] }
        let cli = median(r.csvRounds.map(\.cliSeconds))
        let web = median(r.csvRounds.map(\.webSeconds))
        let ratios = r.csvRounds.map { $0.webSeconds / $0.cliSeconds }
        report.add(s9b, "upload to results shown (s), median of rounds", "s", web, baseline: cli, "check --csv")
        report.add(s9b, "page / check --csv, median of the rounds' ratios", "x", median(ratios), goal: .init(op: .atMost, threshold: 1.3))
        report.add(s9b, "page / check --csv, worst round", "x", ratios.max()!, goal: .init(op: .atMost, threshold: 1.3))
        report.add(s9b, "upload answered (parse + job started) (s), median", "s", median(r.csvRounds.map(\.uploadSeconds)))
        report.add(s9b, "longest gap between progress changes (s), worst round", "s", r.csvRounds.map(\.longestGap).max()!,
                   goal: .init(op: .atMost, threshold: 1.0))
        report.add(s9b, "progress changes seen per round (200 ms polls), fewest", "", Double(r.csvRounds.map(\.changes).min()!))
        let polls = Latencies(r.csvRounds.flatMap(\.pollLatencies))
        report.add(s9b, "job page p50 latency while the job runs", "ms", polls.percentile(0.5) / 1e6)
        report.add(s9b, "job page p99 latency while the job runs", "ms", polls.percentile(0.99) / 1e6)
        report.notes["part 9b rounds"] = r.csvRounds.enumerated().map { i, c in
            String(format: "round %d: check --csv %.2f s, page %.2f s (results not yet shown at %.2f s; upload answered at %.2f s, first progress change at %.2f s), ratio %.3f, %d polls, %d changes, longest gap %.2f s",
                   i + 1, c.cliSeconds, c.webSeconds, c.webLowerSeconds, c.uploadSeconds, c.firstChange, c.webSeconds / c.cliSeconds, c.polls, c.changes, c.longestGap)
        }.joined(separator: "; ")
        report.notes["part 9b inputs"] = "\(r.csvOrders) orders (\(r.csvBytes) bytes, UTF-8, generic header, a tenth from stored people; the file of part 4); check --csv = `mibarai check --csv FILE --output-format csv --data-dir DIR` to /dev/null, process start to exit, while the same node's serve runs; page = POST /csv (multipart, CSRF token) on a signed-in keep-alive connection, then GET /csv/<id> every 200 ms until the results show (the time of that answer; the job finished after the poll before it); \(o.webCSVRounds) rounds, which side goes first alternating. The annotated file downloaded after round 1 has \(r.annotatedLines) lines"
    }
}
