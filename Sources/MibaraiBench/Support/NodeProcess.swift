import Foundation

/// The release `mibarai` binary next to this bench (same build directory), run as a command or
/// as a long-running `mibarai serve`.
final class NodeProcess: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    static var executable: URL {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("mibarai")
    }

    static func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C"
        return env
    }

    /// Runs `mibarai <arguments>` to its end, `input` on its stdin (else /dev/null: no command
    /// waits for a terminal); throws with its stderr when it fails.
    static func run(_ arguments: [String], input: Data? = nil) throws {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.environment = environment()
        let errors = Pipe()
        let stdin = input.map { _ in Pipe() }
        p.standardInput = stdin ?? FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = errors
        try p.run()
        if let stdin, let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw BenchError("mibarai \(arguments.prefix(2).joined(separator: " ")) failed (\(p.terminationStatus)): \(String(decoding: text, as: UTF8.self))")
        }
    }

    /// Starts `mibarai serve <arguments>`; output goes to `<logPrefix>.out` / `.err`.
    init(serve arguments: [String], logPrefix: String) throws {
        stdoutPath = logPrefix + ".out"
        stderrPath = logPrefix + ".err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = Self.executable
        process.arguments = ["serve"] + arguments
        process.environment = Self.environment()
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits for `mibarai serve: gossip on HOST:PORT` and returns the port.
    func gossipPort(timeout: Double) throws -> Int {
        try announcedPort(after: "gossip on ", timeout: timeout)
    }

    /// Waits for a line of `mibarai serve`'s stdout holding `marker` and returns the port that
    /// follows the line's last `:` after it (`gossip on HOST:PORT`, `web page on http://HOST:PORT/`).
    func announcedPort(after marker: String, timeout: Double) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }),
               let colon = line.lastIndex(of: ":"),
               let port = Int(line[line.index(after: colon)...].prefix { $0.isNumber }) {
                return port
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let errors = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        throw BenchError("mibarai serve did not announce \(marker)…: \(errors.suffix(2_000))")
    }

    /// User + system CPU seconds of the process so far (Linux `/proc/PID/stat`).
    func cpuSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return .nan }
        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) else { return .nan }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (u + s) / ticks
    }

    /// Memory of the process now, in bytes (Linux `/proc/PID/status`): resident (`VmRSS`), its
    /// peak (`VmHWM`), and the anonymous part (`RssAnon`: heap and caches, not the file's pages
    /// mapped for reading, which the kernel can drop). nan when unreadable.
    func memory() -> (resident: Double, peak: Double, anonymous: Double) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (.nan, .nan, .nan) }
        func field(_ name: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kb = Double(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
            else { return .nan }
            return kb * 1_024
        }
        return (field("VmRSS"), field("VmHWM"), field("RssAnon"))
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}
