import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiStore
import MibaraiTestSupport
import Testing

/// A node whose reports were left under an older epoch (the keys file took a new primary, and the
/// re-blinding was cut short) blinds them again when `serve` starts.
@Suite("Epoch catch-up at start")
struct EpochCatchUpTests {
    let dir = TemporaryDirectory("mibarai-epoch-catch-up")

    @Test func reportsLeftUnderAnOlderEpochAreBlindedAgainAtStart() throws {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        #expect(try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "non-payment", "--amount", "1000",
                                           "--phone", "080-2468-1357"]).status == 0)
        let configuration = try NodeConfiguration.parse(try String(contentsOfFile: dir.path("node/mibarai.toml"), encoding: .utf8))
        let records = { try AppDatabase(path: dir.path("node/mibarai.sqlite")).blindedRecords(origin: configuration.nodeID).map(\.epoch) }
        #expect(try records() == [1])

        // Epoch 2 becomes the primary, and nothing blinds the report again.
        let keys = URL(fileURLWithPath: dir.path("node/federation-keys.json"))
        let (keyring, adoptedOn) = try NodeKeys.readKeyringAndAdoption(keys)
        try FileManager.default.removeItem(at: keys)
        try NodeKeys.writeKeyring(Keyring(primary: EpochKey.generate(epoch: 2), older: keyring.accepted),
                                  adoptedOn: adoptedOn.merging([2: Fixtures.today]) { a, _ in a }, to: keys)
        #expect(try records() == [1])

        let server = try ServerProcess(["--data-dir", node, "--no-federation"])
        #expect(server.stop() == 0)
        #expect(try records() == [2], "serve blinds the report again under the primary before it serves")
    }
}
