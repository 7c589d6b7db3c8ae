import Crypto
import Foundation
import Logging
import Metrics
import MibaraiCore
import MibaraiStore
import NIOCore


/// The operator's entries applied: revocations reach the gate, sealed epoch keys are opened,
/// suppressions and review requests are noted (the store keeps them as it saves them).
extension GossipNode {
    /// Revocations reach the gate (and end the revoked members' connections); epoch keys sealed
    /// to this node are opened and handed to the caller.
    func operatorChanges(in accepted: [LogEntry]) {
        // An admission or a new epoch changes what this node publishes.
        if accepted.contains(where: { $0.origin == log.operatorID }) { ownCheckDue = true }
        for e in accepted where e.origin == log.operatorID {
            guard let body = try? e.decodedBody(limits: log.limits) else { continue }
            switch body {
            case .policy(let p):
                logger.notice("gossip: federation policy", metadata: ["replicas": "\(p.replicas.name)"])
                replicaPolicyChanged()
                refreshQuotaLimits()
                onPolicy(p)
            case .quota:
                refreshQuotaLimits()
            case .admit:
                refreshScopes()
            case .revoke(let r):
                gate.revoke([r.member])
                if links[r.member] != nil { closeLink(to: r.member) }
                logger.notice("gossip: member revoked", metadata: ["member": "\(log.name(of: r.member))"])
            case .epochKey(let sealed):
                installEpochKeys(from: [sealed])
                refreshQuotaLimits()
            case .suppress(let s):
                // The id and the epochs only: the tokens stay in the database.
                logger.notice("gossip: impersonation suppression in force",
                              metadata: ["suppression": "\(s.id)", "epochs": "\(s.epochs.map(String.init).joined(separator: ","))"])
            case .lift(let id):
                logger.notice("gossip: suppression lifted", metadata: ["suppression": "\(id)"])
            case .reviewRequest(let q):
                // The id, the kind, the deadline and how many of this node's records it names: nothing of the person.
                logger.notice("gossip: review request", metadata: [
                    "request": "\(q.id)", "kind": "\(q.kind.name)", "deadline": "\(q.deadline)", "records_here": "\(q.records(of: me).count)",
                ])
            default:
                break
            }
        }
    }

    /// Opens the boxes sealed to this node and hands the keys over (the caller ignores epochs it
    /// has). A hub opens none: it holds other shops' records, never the key that made them.
    func installEpochKeys(from sealed: [SealedEpochKey]) {
        guard let sealingKey, log.members[me]?.role != .hub else { return }
        for s in sealed {
            guard let key = s.open(for: me, sealingKey: sealingKey, operator: log.operatorID) else { continue }
            do { try onEpochKey(key) } catch {
                logger.error("gossip: cannot install an epoch key", metadata: ["epoch": "\(key.epoch)", "error": "\(type(of: error))"])
            }
        }
    }
}
