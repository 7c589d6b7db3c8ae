import Crypto
import Foundation
import Logging
import Metrics
import MibaraiCore
import MibaraiStore
import NIOCore


/// The node's own changes: a command's entries taken from the inbox, its records signed and published.
extension GossipNode {
    /// The node's own records are read again at least this often, whatever the version says.
    static let ownCheckEvery = Duration.seconds(60)

    /// True when the node's own reports, records or inbox may have changed since it last looked:
    /// the store's local change version moved (a command or this process wrote), this process
    /// asked for a look (a new epoch, an operator entry, a failed save), or a minute passed. A
    /// tick then costs one read of one row when nothing changed.
    func ownChangesPending() -> Bool {
        let version: Int64
        do { version = try database.localChangeVersion() } catch { return true }
        guard ownCheckDue || version != seenLocalVersion || now - lastOwnCheck >= Self.ownCheckEvery else { return false }
        // Taken before the look: a change committed during it moves the version again.
        seenLocalVersion = version
        ownCheckDue = false
        lastOwnCheck = now
        return true
    }

    func takeInbox() {
        let waiting: [[UInt8]]
        do {
            guard try !database.inboxIsEmpty() else { return }
            waiting = try database.takeInbox()
        } catch {
            logger.error("gossip: cannot read the inbox", metadata: ["error": "\(error.message.en)"])
            ownCheckDue = true
            return
        }
        guard !waiting.isEmpty else { return }
        let entries = waiting.compactMap { try? LogEntry(decoding: $0, limits: log.limits) }
        store(entries, from: nil)
    }

    /// Signs what this node's records say and its log does not yet.
    func publishOwnChanges() {
        guard log.members[me] != nil, log.revocations[me] == nil else {
            // Admission arrives in the operator's log, not as a local change: look again next tick.
            ownCheckDue = true
            if !warnedNotAdmitted {
                warnedNotAdmitted = true
                logger.notice("gossip: this node is not admitted in the operator's log yet; its reports are not published")
            }
            return
        }
        guard isOwnLogConfirmed else { return confirmOwnLog() }
        let current: [BlindedRecord]
        do { current = try database.blindedRecords(origin: name) } catch {
            logger.error("gossip: cannot read this node's records", metadata: ["error": "\(error.message.en)"])
            ownCheckDue = true
            return
        }
        var bodies = OwnLogPlan.bodies(current: current, published: ownPublished)
        // Answers to review requests, after the entries that correct or withdraw their records.
        do {
            let queued = try database.queuedReviewAnswers()
            if !queued.isEmpty {
                let answered = Set((log.reviewAnswers[me] ?? [:]).keys)
                bodies += OwnLogPlan.answerBodies(queued: queued, answered: answered,
                                                  published: OwnLogPlan.applying(bodies, to: ownPublished, origin: name))
            }
        } catch {
            logger.error("gossip: cannot read this node's review answers", metadata: ["error": "\(error.message.en)"])
            ownCheckDue = true
        }
        // Messages to other shops, sealed when written (`mibarai contact`), that the log lacks.
        do {
            let sent = log.sealedMessages[me] ?? [:]
            bodies += try database.queuedSealedMessages(me: me).filter { sent[$0.id] == nil && $0.to != me }.map { .sealedMessage($0) }
        } catch {
            logger.error("gossip: cannot read this node's sealed messages", metadata: ["error": "\(error.message.en)"])
            ownCheckDue = true
        }
        guard !bodies.isEmpty else { return }
        var signed: [LogEntry] = []
        for body in bodies {
            do {
                signed.append(try log.append(signing: body, with: signer))
            } catch {
                logger.error("gossip: cannot sign an entry", metadata: ["kind": "\(body.kind)"])
                ownCheckDue = true
                continue
            }
            switch body {
            case .publish(let p): ownPublished[p.id] = p.record(origin: name)
            case .status(let id, let s): ownPublished[id]?.status = s
            case .withdraw(let id): ownPublished[id]?.status = .withdrawn
            default: break
            }
        }
        guard save(signed, proofs: []) else {
            // Never send entries the file does not hold: after a restart the node would sign
            // other entries under the same numbers, which peers would take for equivocation.
            // Back to what the file holds; the next tick tries again.
            ownCheckDue = true
            do {
                log = try Self.load(operator: log.operatorID, limits: log.limits, from: database, logger: logger)
                ownPublished = try log.publishedRecords(of: me)
            } catch {
                logger.error("gossip: cannot reload the log", metadata: ["error": "\(type(of: error))"])
            }
            return
        }
        Self.published.increment(by: signed.count)
        logger.info("gossip: published", metadata: ["entries": "\(signed.count)"])
        perform(machine.stored(accepted: signed, from: nil, source: log))
    }

    /// Seeds named by member name wait until the operator's log names them. One still unknown
    /// after ``seedWarningAfter`` is named in a notice, once: a node whose only seed its log does
    /// not admit (its join bundle predates that member) reaches no one and would say nothing.
    func resolveSeeds() {
        guard !pendingSeeds.isEmpty else { return }
        var still: [PeerSeed] = []
        for seed in pendingSeeds {
            if let id = seed.resolve(in: log), id != me {
                machine.learned(PeerInfo(id: id, address: seed.address))
            } else if seed.resolve(in: log) == nil {
                still.append(seed)
                if now >= Self.seedWarningAfter, warnedSeeds.insert(seed.node).inserted {
                    logger.notice("gossip: a peer given at start is not a member in this node's copy of the operator's log; it is reached once the log admits it. Give it by node id (64 hex digits) to reach it now, or import the operator's log (mibarai node operator-log)", metadata: ["peer": "\(seed)"])
                }
            }
        }
        pendingSeeds = still
    }

    /// How long a seed may stay unresolved before the node says so.
    static let seedWarningAfter = Duration.seconds(20)
}
