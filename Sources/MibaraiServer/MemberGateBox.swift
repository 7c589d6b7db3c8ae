import Foundation
import MibaraiCore
import MibaraiMembership
import Synchronization

/// The member gate shared by the node's listeners and its outgoing connections. Revocations from
/// the operator's log reach it while the node runs (`revoke`), so a revoked member is refused in
/// its next handshake.
public final class MemberGateBox: Sendable {
    private let gate: Mutex<MemberGate>

    public init(_ gate: MemberGate) {
        self.gate = Mutex(gate)
    }

    public func admit(der: [UInt8], at date: Date) throws(MembershipError) -> MemberCertificate {
        let current = gate.withLock { $0 }
        return try current.admit(der: der, at: date)
    }

    /// Refuses these nodes from now on. Returns those not refused before.
    @discardableResult
    public func revoke(_ nodes: some Sequence<NodeID>) -> [NodeID] {
        gate.withLock { g in
            var added: [NodeID] = []
            for n in nodes where g.revokedNodes.insert(n).inserted { added.append(n) }
            return added
        }
    }
}
