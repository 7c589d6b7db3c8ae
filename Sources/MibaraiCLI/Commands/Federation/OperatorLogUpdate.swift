import Foundation
import MibaraiCore

/// The file `mibarai federation revoke` writes and `mibarai node operator-log` imports: the
/// operator's whole log, for a node to hand to the gossip (revocations travel this way).
struct OperatorLogUpdate: Codable {
    var version = 1
    var federation: String
    /// The operator's Ed25519 log key, hex.
    var operatorKey: String
    /// Base64 log entries, oldest first.
    var operatorLog: [String]
}
