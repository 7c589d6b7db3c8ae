import Foundation
import FuzzSupport
import MembershipFixtures
import MibaraiNode

// The files in a node's data directory that the node reads back (they may have been edited,
// copied or damaged): the first byte picks the reader, the rest (cut at NUL bytes where a
// reader takes two files) is written to the files it reads, in a directory of its own.
//   0  `federation-keys.json`         NodeKeys.readKeyringAndAdoption
//   1  `node.key`                     NodeKeys.readNodeKey
//   2  `federation/node.pem`, `federation/operator.json`   NodeMembershipFiles.member()
//   3  `tls.key`, `sealing.key`       NodeMembershipFiles.keys()
// Property: no crash, no trap, no hang.

/// This process's directory (removed by nobody: it lives in the temporary directory), in
/// memory (`/dev/shm`) where there is one: the files are written once per input.
let directory: URL = {
    let shm = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
    let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
    let url = base.appendingPathComponent("mibarai-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    do {
        try FileManager.default.createDirectory(at: url.appendingPathComponent("federation"), withIntermediateDirectories: true)
    } catch {
        fatalError("cannot make \(url.path): \(error)")
    }
    return url
}()

/// Writes `bytes` to `name` in the directory, replacing it (plain `write(2)`: Foundation's
/// `Data.write` flushes each file to the disk, which made this target a hundred times slower).
func put(_ bytes: some Collection<UInt8>, _ name: String) {
    let path = directory.appendingPathComponent(name).path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { fatalError("cannot write \(name): errno \(errno)") }
    defer { close(fd) }
    let all = Array(bytes)
    var done = 0
    while done < all.count {
        let n = all[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { fatalError("cannot write \(name): errno \(errno)") }
        done += n
    }
}

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func nodeFilesFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let rest = bytes.dropFirst()
    let files = NodeMembershipFiles(directory: directory)
    switch selector % 4 {
    case 0:
        put(rest, NodeKeys.federationKeysFile)
        _ = try? NodeKeys.readKeyringAndAdoption(directory.appendingPathComponent(NodeKeys.federationKeysFile))
    case 1:
        put(rest, NodeKeys.nodeKeyFile)
        _ = try? NodeKeys.readNodeKey(directory.appendingPathComponent(NodeKeys.nodeKeyFile))
    case 2:
        let (a, b) = halves(rest)
        put(a, "federation/node.pem")
        put(b, "federation/operator.json")
        _ = try? files.member()
    default:
        let (a, b) = halves(rest)
        put(a, "tls.key")
        put(b, "sealing.key")
        _ = try? files.keys()
    }
    return 0
}

/// The bytes before the first NUL, and those after it (empty when there is none).
func halves(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
    guard let nul = bytes.firstIndex(of: 0) else { return (bytes, []) }
    return (bytes[..<nul], bytes[(nul + 1)...])
}

/// Runs libFuzzer on ``nodeFilesFuzz``. Writes the fixture member's files when
/// `scripts/fuzz.sh --seed` asks (`SeedWriter`): its certificate and operator file (selector 2),
/// its TLS and sealing keys (selector 3).
@main
enum Main {
    static func main() {
        FuzzDriver.run(nodeFilesFuzz, seeds: {
            let fixture = try MembershipFixture()
            let pem = try fixture.certificate().serializeAsPEM().pemString
            let info = try MembershipFixture.json(["federation": MembershipFixture.federationName, "operator_key": fixture.operatorID.description])
            return [
                [2] + Array(pem.utf8) + [0] + info,
                [3] + Array(fixture.tlsKey.pemRepresentation.utf8) + [0] + Array(fixture.sealingKey.rawRepresentation.base64EncodedString().utf8),
            ]
        })
    }
}
