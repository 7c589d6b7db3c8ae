import Crypto
import Foundation
import MibaraiCore
import MibaraiNode

/// The operator's signed log and its blinding keys, beside the root in the operator's directory:
///
///     operator-log.txt       the operator's log entries, one base64 line each, oldest first (append-only)
///     epoch-keys.json        the federation's blinding key of each epoch (0600), made on first use
///
/// `federation issue` admits a member and seals the current epoch's key to it; every join bundle
/// carries the whole log, and the gossip carries it on from there.
extension OperatorFiles {
    private struct EpochKeys: Codable {
        struct Epoch: Codable {
            var epoch: UInt32
            var key: String
        }

        var epochs: [Epoch]
    }

    /// Takes an exclusive lock on the operator's directory (`.lock`, flock) until `release()`,
    /// so two commands never sign the same seq of the operator's log (which every node would take
    /// for equivocation). A second command waits for the first.
    func lock() throws(NodeError) -> OperatorLock {
        let fd = openLockFile(url(".lock").path)
        guard fd >= 0 else {
            throw .cannotCreate(ja: "運営者のディレクトリをロックできません: \(directory.path)", en: "cannot lock the operator's directory \(directory.path)")
        }
        guard flock(fd, LOCK_EX) == 0 else {
            OperatorLock(fd: fd).release()
            throw .software(ja: "運営者のディレクトリをロックできません: \(directory.path)", en: "cannot lock the operator's directory \(directory.path)")
        }
        return OperatorLock(fd: fd)
    }

    func signer() throws(NodeError) -> Curve25519.Signing.PrivateKey {
        try NodeKeys.readNodeKey(url("operator.key"))
    }

    /// The operator's log as written, verified entry by entry.
    func log(operator op: NodeID) throws(NodeError) -> FederationLog {
        var log = FederationLog(operator: op)
        for bytes in try logLines() {
            do throws(EntryRefusal) {
                _ = try log.append(encoded: bytes)
            } catch {
                throw .data(ja: "operator-log.txt の記録が検証できません (\(error.name))。", en: "an entry of operator-log.txt does not verify (\(error.name)).")
            }
        }
        return log
    }

    func logLines() throws(NodeError) -> [[UInt8]] {
        guard let text = try? String(contentsOf: url("operator-log.txt"), encoding: .utf8) else { return [] }
        var out: [[UInt8]] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let data = Data(base64Encoded: String(line)) else {
                throw .data(ja: "operator-log.txt の行が base64 ではありません。", en: "a line of operator-log.txt is not base64.")
            }
            out.append(Array(data))
        }
        return out
    }

    /// The blinding keys of the epochs the log has sealed to members (a key made but never sealed
    /// is no member's); an error when there is none yet.
    func sealedEpochKeys(in log: FederationLog) throws(NodeError) -> [EpochKey] {
        let keys = try epochKeys().filter { log.sealedEpochs.contains($0.epoch) }
        guard !keys.isEmpty else {
            throw .data(ja: "まだ照合鍵を封じたエポックがありません (参加者を発行してから)。", en: "no epoch key has been sealed to a member yet (issue a member first).")
        }
        return keys
    }

    /// Signs `body` onto the operator's log (`log`, held under the directory's lock) and keeps the
    /// entry: the `revoke`, `suppress` and `lift` commands end the same way.
    @discardableResult
    func appendSigned(_ body: LogBody, to log: inout FederationLog) throws(NodeError) -> LogEntry {
        let signer = try signer()
        let entry: LogEntry
        do { entry = try log.append(signing: body, with: signer) } catch {
            throw .software(ja: "運営者の記録に追記できません (\(error))。", en: "cannot extend the operator's log (\(error)).")
        }
        try appendToLog([entry])
        return entry
    }

    /// Writes the update a node imports with `mibarai node operator-log`: the whole log as it now stands.
    func writeUpdate(federation: String, log: FederationLog, to output: String) throws {
        let update = OperatorLogUpdate(federation: federation, log: log)
        try OutputFile.write(String(decoding: try Console.jsonEncoder().encode(update), as: UTF8.self) + "\n", to: output)
    }

    /// Appends signed entries to `operator-log.txt` (created 0600 on first use).
    func appendToLog(_ entries: [LogEntry]) throws(NodeError) {
        try append(Data(entries.map { Data($0.encoded).base64EncodedString() + "\n" }.joined().utf8), to: "operator-log.txt", ja: "運営者の記録")
    }

    /// Makes the next epoch's key and adds it to `epoch-keys.json` (rewritten beside and renamed).
    func newEpochKey() throws(NodeError) -> EpochKey {
        let current = try currentEpochKey()
        let file = url("epoch-keys.json")
        guard let data = try? Data(contentsOf: file), var keys = try? JSONDecoder().decode(EpochKeys.self, from: data) else {
            throw .data(ja: "epoch-keys.json が壊れています。", en: "epoch-keys.json is malformed.")
        }
        let next = EpochKey.generate(epoch: current.epoch + 1)
        keys.epochs.append(.init(epoch: next.epoch, key: Data(next.keyBytes).base64EncodedString()))
        let staging = url(".epoch-keys.\(UUID().uuidString)")
        do {
            try NodeKeys.writePrivate(try JSONEncoder().encode(keys), to: staging)
            guard rename(staging.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw .cannotCreate(ja: "epoch-keys.json を書き込めません。", en: "cannot write epoch-keys.json.")
        }
        return next
    }

    /// Every epoch's blinding key the operator has made, oldest first (none before the first).
    func epochKeys() throws(NodeError) -> [EpochKey] {
        guard let data = try? Data(contentsOf: url("epoch-keys.json")) else { return [] }
        guard let keys = try? JSONDecoder().decode(EpochKeys.self, from: data) else {
            throw .data(ja: "epoch-keys.json が壊れています。", en: "epoch-keys.json is malformed.")
        }
        var out: [EpochKey] = []
        for e in keys.epochs {
            guard let raw = Data(base64Encoded: e.key), let key = EpochKey(epoch: e.epoch, keyBytes: Array(raw)) else {
                throw .data(ja: "epoch-keys.json が壊れています。", en: "epoch-keys.json is malformed.")
            }
            out.append(key)
        }
        return out.sorted { $0.epoch < $1.epoch }
    }

    /// The newest epoch's blinding key; epoch 1 is made on first use.
    func currentEpochKey() throws(NodeError) -> EpochKey {
        let file = url("epoch-keys.json")
        if let data = try? Data(contentsOf: file) {
            guard let keys = try? JSONDecoder().decode(EpochKeys.self, from: data), let last = keys.epochs.max(by: { $0.epoch < $1.epoch }),
                  let raw = Data(base64Encoded: last.key), let key = EpochKey(epoch: last.epoch, keyBytes: Array(raw))
            else {
                throw .data(ja: "epoch-keys.json が壊れています。", en: "epoch-keys.json is malformed.")
            }
            return key
        }
        let key = EpochKey.generate(epoch: 1)
        let keys = EpochKeys(epochs: [.init(epoch: 1, key: Data(key.keyBytes).base64EncodedString())])
        do { try NodeKeys.writePrivate(try JSONEncoder().encode(keys), to: file) } catch {
            throw .cannotCreate(ja: "epoch-keys.json を書き込めません。", en: "cannot write epoch-keys.json.")
        }
        return key
    }
}

/// `open(2)` for the lock file (a free function: inside `OperatorFiles`, `open` names its method).
private func openLockFile(_ path: String) -> Int32 { open(path, O_RDWR | O_CREAT, 0o600) }
