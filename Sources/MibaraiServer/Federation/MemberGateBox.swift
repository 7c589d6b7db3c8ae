import Foundation
import MibaraiCore
import MibaraiMembership
import Synchronization

/// The member gate shared by the node's listeners and its outgoing connections. Revocations from
/// the operator's log reach it while the node runs (`revoke`), so a revoked member is refused in
/// its next handshake. Admissions are cached by certificate (`AdmissionCache`): a member that
/// reconnects with the same certificate is checked only for its validity dates and revocation;
/// a revocation empties the cache.
public final class MemberGateBox: Sendable {
    private struct State {
        var gate: MemberGate
        var admitted = AdmissionCache()
        /// Bumped by every change of the gate, so an admission checked against an older gate is not cached.
        var generation = 0
    }

    private let state: Mutex<State>

    public init(_ gate: MemberGate) {
        state = Mutex(State(gate: gate))
    }

    public func admit(der: [UInt8], at date: Date) throws(MembershipError) -> MemberCertificate {
        let key = AdmissionCache.key(der: der)
        let (gate, cached, generation) = state.withLock { ($0.gate, $0.admitted[key], $0.generation) }
        if let cached { return try gate.readmit(cached, at: date) }
        // Parsed and checked outside the lock, so handshakes on several event loops do not wait on each other.
        let member = try gate.admit(der: der, at: date)
        state.withLock { s in
            if s.generation == generation { s.admitted.insert(member, for: key) }
        }
        return member
    }

    /// Refuses these nodes from now on and forgets every cached admission. Returns those not refused before.
    @discardableResult
    public func revoke(_ nodes: some Sequence<NodeID>) -> [NodeID] {
        state.withLock { s in
            var added: [NodeID] = []
            for n in nodes where s.gate.revokedNodes.insert(n).inserted { added.append(n) }
            if !added.isEmpty {
                s.admitted.removeAll()
                s.generation &+= 1
            }
            return added
        }
    }
}
