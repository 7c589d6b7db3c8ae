import Foundation
import MibaraiCore

/// Ed25519 checks of many log entries, spread over the machine's cores.
enum SignatureCheck {
    static func parallel(_ entries: [LogEntry]) -> [Bool] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, entries.count / 32))
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: entries.count)
        defer { results.deallocate() }
        let chunk = (entries.count + workers - 1) / workers
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = w * chunk
            for i in start..<min(start + chunk, entries.count) { out[i] = entries[i].hasValidSignature() }
        }
        return Array(results)
    }
}
