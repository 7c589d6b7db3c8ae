import Foundation

/// A real `mibarai serve` process on a free loopback port, for end-to-end API tests.
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public private(set) var port = 0
    public private(set) var url = ""
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var collected = Data()
    private var collectedErrors = Data()

    /// Starts `mibarai serve <arguments> --api-port 0` and waits (up to 60 s) for the line that
    /// announces the bound port. `fileLimit`: the open-file limit, soft and hard, to run it under
    /// (`ulimit -n` in a shell that then `exec`s it, so `process` is the server itself).
    public init(_ arguments: [String], environment: [String: String] = [:], fileLimit: Int? = nil) throws {
        if let fileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(fileLimit) || exit 99; exec \"$0\" \"$@\"", ProjectPaths.mibaraiExecutable.path,
                                 "serve", "--api-port", "0"] + arguments
        } else {
            process.executableURL = ProjectPaths.mibaraiExecutable
            process.arguments = ["serve", "--api-port", "0"] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C"
        env["MIBARAI_TODAY"] = Fixtures.today.description
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self, !d.isEmpty else { return }
            self.lock.lock()
            self.collected.append(d)
            self.lock.unlock()
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self, !d.isEmpty else { return }
            self.lock.lock()
            self.collectedErrors.append(d)
            self.lock.unlock()
        }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            if let m = stdout.firstMatch(of: /on (https?:\/\/[0-9.]+:([0-9]+))\/v1\/screen/) {
                url = String(m.1)
                port = Int(m.2)!
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown)
    }

    public var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        return process.terminationStatus
    }

    public var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collectedErrors, as: UTF8.self)
    }

    /// Waits (up to 60 s) for a line of standard output that matches `pattern`; returns its first capture.
    public func waitForLine(_ pattern: Regex<(Substring, Substring)>) -> String? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let m = stdout.firstMatch(of: pattern) { return String(m.1) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    deinit { if process.isRunning { process.terminate() } }
}
