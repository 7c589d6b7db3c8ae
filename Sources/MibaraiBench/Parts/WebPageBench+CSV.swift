import Foundation
import MibaraiCore
import MibaraiNode
import NIOCore
import NIOPosix

/// Part 9's CSV half: an export uploaded through the page, its job polled until the results show.
extension WebPageBench {
    /// Uploads the file through the page and polls its job page every 200 ms until the results show;
    /// with `fetchAnnotated`, downloads the annotated file afterwards and returns its line count.
    func upload(_ file: Data, on c: WebConnection, round r: inout CSVRound, fetchAnnotated: Bool) async throws -> Int? {
        let page = try await c.send(expect: 200, .GET, "/csv")
        guard let csrf = WebConnection.csrf(in: page.text) else { throw BenchError("the CSV page carries no CSRF token") }
        let boundary = "----mibarai-bench-\(UInt64.random(in: 0 ... .max))"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        let sw = Stopwatch()
        let posted = try await c.send(.POST, "/csv", headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
        r.uploadSeconds = sw.elapsedSeconds
        guard posted.status == 303, let location = posted.headers["Location"].first, location.hasPrefix("/csv/") else {
            throw BenchError("POST /csv answered \(posted.status): \(posted.text.prefix(300))")
        }
        var last = 0
        var lastChange = r.uploadSeconds
        r.timeline = [(r.uploadSeconds, 0)]
        var tick = 1
        while true {
            let due = r.uploadSeconds + 0.2 * Double(tick)
            let wait = due - sw.elapsedSeconds
            if wait > 0 { try await Task.sleep(for: .nanoseconds(Int64(wait * 1e9))) }
            tick += 1
            let t0 = sw.elapsedSeconds
            let a = try await c.send(expect: 200, .GET, location)
            let now = sw.elapsedSeconds
            r.polls += 1
            r.pollLatencies.append((now - t0) * 1e9)
            let html = a.text
            let finished = html.contains("id=\"done\"")
            if html.contains("class=\"error\"") { throw BenchError("the CSV job failed: \(html.prefix(600))") }
            let done = finished ? Int.max : Self.progressValue(html) ?? last
            if done != last {
                if r.changes == 0 { r.firstChange = now }
                r.changes += 1
                r.longestGap = max(r.longestGap, now - lastChange)
                lastChange = now
                last = done
                r.timeline.append((now, finished ? -1 : done))
            }
            if finished {
                r.webSeconds = now
                break
            }
            r.webLowerSeconds = t0
            guard now < 3_600 else { throw BenchError("the CSV job did not finish within an hour") }
        }
        guard fetchAnnotated else { return nil }
        let d = try await c.send(expect: 200, .GET, location + "/download")
        return d.body.readableBytesView.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The `value` of the job page's `<progress id="progress" … value="N">`.
    static func progressValue(_ html: String) -> Int? {
        guard let p = html.range(of: "<progress id=\"progress\"") else { return nil }
        let rest = html[p.upperBound...]
        guard let v = rest.range(of: "value=\"") else { return nil }
        let digits = rest[v.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }
}
