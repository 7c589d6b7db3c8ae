import Foundation
import Logging
import MibaraiCore
import MibaraiNode
import MibaraiStore

/// A hub's lookup quotas and the gossip (`Protocol/federation.md`, "Lookup quotas"): the limits
/// the operator's log sets reach the quota holder, other hubs' `usage` entries are added to it,
/// and this hub signs its own counts every few seconds when they changed.
extension GossipNode {
    /// How often a hub signs its counts, at most.
    static let usageEvery = Duration.seconds(5)

    /// The limits the log sets now.
    func refreshQuotaLimits() {
        quotas?.use(defaults: log.policy.lookupQuota, overrides: log.quotaOverrides)
        quotas?.use(epochs: log.sealedEpochs.count)
    }

    /// At start: the limits, today's counts this hub gave before (its audit), and other hubs'
    /// `usage` entries for today.
    func loadQuotas() {
        guard let quotas else { return }
        refreshQuotaLimits()
        let today = QuotaLedger.day(at: Node.now())
        do throws(StoreError) { quotas.restore(own: try database.answeredIdentities(on: today), on: today) } catch {
            logger.error("hub: cannot read today's lookups from the audit", metadata: ["error": "\(error.message.en)"])
        }
        for (hub, member) in log.members where member.role == .hub && hub != me {
            noteUsage(in: log.entries(of: hub), day: today)
        }
    }

    /// Other hubs' `usage` entries among `entries` (for `day` only, when given).
    func noteUsage(in entries: [LogEntry], day: LocalDate? = nil) {
        guard let quotas else { return }
        for e in entries where e.kind == .usage && e.origin != me {
            guard case .usage(let u)? = try? e.decodedBody(limits: log.limits), day == nil || u.day == day else { continue }
            quotas.note(u, from: e.origin, now: Node.now())
            logger.info("hub: another hub's usage", metadata: ["hub": "\(log.name(of: e.origin))", "members": "\(u.counts.count)"])
        }
    }

    /// Signs this hub's changed counts, at most every `usageEvery`, once its own log is confirmed.
    func publishUsage() {
        guard let quotas, log.members[me]?.role == .hub, log.revocations[me] == nil, isOwnLogConfirmed,
              now - lastUsagePublished >= Self.usageEvery else { return }
        lastUsagePublished = now
        // The node's clock, as the lookup endpoint reads it (`MIBARAI_TODAY` in demos and tests).
        guard let usage = quotas.usageToPublish(now: Node.now()) else { return }
        let entry: LogEntry
        do { entry = try log.append(signing: .usage(usage), with: signer) } catch {
            logger.error("hub: cannot sign a usage entry", metadata: ["error": "\(type(of: error))"])
            return
        }
        guard save([entry], proofs: []) else {
            do {
                log = try Self.load(operator: log.operatorID, limits: log.limits, from: database, logger: logger)
            } catch {
                logger.error("gossip: cannot reload the log", metadata: ["error": "\(type(of: error))"])
            }
            return
        }
        logger.info("hub: usage signed", metadata: ["members": "\(usage.counts.count)", "seq": "\(entry.seq)"])
        perform(machine.stored(accepted: [entry], from: nil, source: log))
    }
}
