import Dispatch
import Foundation
import MibaraiCore

/// One slice of noted entries (their origins' names and bytes) decoded into record changes on
/// other threads, while the writer applies the slice before it: on a bootstrap the writer would
/// otherwise wait for every slice's decoding before it writes it.
final class PendingSliceDecode: @unchecked Sendable {
    /// A noted entry as the apply reads it: its origin's member name, its kind and its body.
    struct Noted: Sendable {
        var name: String
        /// nil when the bytes are not an entry (they were when noted).
        var kind: LogEntryKind?
        var body: [UInt8]

        /// Only the body is copied out of the entry's bytes (SQLite's buffer, read in place). The
        /// entry was parsed and verified when it was stored: its hash and the copies of its other
        /// fields that `LogEntry(decoding:)` makes are not needed again. The layout is that of
        /// `Protocol/federation.md` §3: version, kind, origin, seq, previous, body length (u32,
        /// big-endian), body, signature.
        init(name: String, entry: Data) {
            self.name = name
            let header = LogEntry.headerBytes
            guard entry.count >= header + LogEntry.signatureBytes else {
                (kind, body) = (nil, [])
                return
            }
            let start = entry.startIndex
            let length = (header - 4..<header).reduce(0) { $0 << 8 | Int(entry[start + $1]) }
            guard entry[start] == LogEntry.formatVersion, length == entry.count - header - LogEntry.signatureBytes else {
                (kind, body) = (nil, [])
                return
            }
            kind = LogEntryKind(rawValue: entry[start + 1])
            body = Array(entry[(start + header)..<(start + header + length)])
        }
    }

    private let done = DispatchGroup()
    // Written once on the decoding thread before `done` is left; read after waiting on it.
    private var changes: [RecordChange?] = []

    /// Starts decoding at once. nil for an operator's kind (changes no record), or bytes that no
    /// longer decode (they did when noted; a damaged row must not stop every later apply, so it
    /// is passed over).
    init(_ slice: [Noted]) {
        done.enter()
        DispatchQueue.global().async {
            self.changes = Lanes.map(slice.indices) { i -> RecordChange? in
                guard let kind = slice[i].kind, let body = try? LogBody.decode(kind: kind, slice[i].body) else { return nil }
                return RecordChange(body, origin: slice[i].name)
            }
            self.done.leave()
        }
    }

    /// Waits for the decoding to end.
    func wait() -> [RecordChange?] {
        done.wait()
        return changes
    }
}
