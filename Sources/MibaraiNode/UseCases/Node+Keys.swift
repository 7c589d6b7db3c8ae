import MibaraiCore
import MibaraiStore

extension Node {
    /// The keyring without the epochs whose grace period is over (``EpochRetirement``): what a
    /// node looks up with, whether or not the retirement has been written yet.
    static func unretired(_ keyring: Keyring, adoptedOn: [UInt32: LocalDate], configuration: NodeConfiguration,
                          today: LocalDate) -> Keyring {
        let retiring = EpochRetirement.retiring(
            accepted: keyring.accepted.map(\.epoch), primary: keyring.primary.epoch,
            primaryAdoptedOn: adoptedOn[keyring.primary.epoch], today: today,
            graceDays: configuration.federation.epochGraceDays
        )
        return retiring.isEmpty ? keyring : Keyring(primary: keyring.primary, older: keyring.accepted.filter { !retiring.contains($0.epoch) })
    }

    /// Retires the epochs older than the primary once the grace period after the primary was
    /// taken has passed (`[federation] epoch_grace_days`): other members' records still blinded
    /// under them are dropped first, then the keys file keeps the primary and any epoch not yet
    /// retiring (rewritten under the directory's lock, held only for that). Run by `serve`. Safe
    /// to repeat: a pass cut short is finished by the next one.
    public func retireOldEpochs() throws(NodeError) -> (keyring: Keyring, retired: [UInt32], dropped: Int) {
        let (keyring, adoptedOn) = try NodeKeys.readKeyringAndAdoption(directory)
        let kept = Self.unretired(keyring, adoptedOn: adoptedOn, configuration: configuration, today: today)
        let retiring = keyring.accepted.map(\.epoch).filter { e in !kept.accepted.contains { $0.epoch == e } }
        guard !retiring.isEmpty else { return (keyring, [], 0) }
        let dropped: Int
        do { dropped = try database.dropBlinded(epochs: retiring, exceptOrigin: configuration.nodeID) } catch { throw .store(error) }
        let now = try directory.withLock { () throws(NodeError) -> Keyring in
            // Read again: a new epoch may have been adopted meanwhile.
            let (current, days) = try NodeKeys.readKeyringAndAdoption(directory)
            let remaining = current.accepted.filter { !retiring.contains($0.epoch) || $0.epoch == current.primary.epoch }
            let updated = Keyring(primary: current.primary, older: remaining)
            try NodeKeys.replaceKeyring(updated, adoptedOn: days.filter { !retiring.contains($0.key) || $0.key == current.primary.epoch },
                                        in: directory)
            return updated
        }
        return (now, retiring, dropped)
    }

    /// Takes the federation's blinding keys (from a join bundle, or a new epoch sealed to this
    /// node in the operator's log), under the directory's lock: the newest becomes the primary
    /// key. The day each key was taken starts the older epochs' grace period. The caller then
    /// blinds the node's reports again (``reblindOwnReports()`` on the returned node); a node
    /// whose reports were left under an older epoch does it when `serve` starts
    /// (``reblindIfBehind()``).
    ///
    /// - Parameter replacing: true when the node joins a federation: the keys it held before
    ///   (its own, from `mibarai init`) are dropped; false to keep them as older epochs.
    /// - Returns: the node with its new keyring, or nil when no key is newer than its primary.
    public func adopt(_ keys: [EpochKey], replacing: Bool = false) throws(NodeError) -> Node? {
        let adopted = try directory.withLock { () throws(NodeError) -> Keyring? in
            let (current, adoptedOn) = try NodeKeys.readKeyringAndAdoption(directory)
            guard let newest = keys.max(by: { $0.epoch < $1.epoch }), replacing || newest.epoch > current.primary.epoch else { return nil }
            let older = replacing ? keys : current.accepted + keys.filter { k in !current.accepted.contains { $0.epoch == k.epoch } }
            let keyring = Keyring(primary: newest, older: older)
            var days = replacing ? [:] : adoptedOn
            for k in keys where days[k.epoch] == nil || replacing { days[k.epoch] = today }
            try NodeKeys.replaceKeyring(keyring, adoptedOn: days, in: directory)
            return keyring
        }
        return adopted.map(with)
    }

    /// Blinds the node's reports again when any of its own records is still under another epoch
    /// than the primary (a re-blinding cut short). Returns how many were re-blinded (0 when none
    /// was behind).
    @discardableResult
    public func reblindIfBehind() throws(NodeError) -> Int {
        let own: [BlindedRecord]
        do { own = try database.blindedRecords(origin: configuration.nodeID) } catch { throw .store(error) }
        // A withdrawn report's record carries no token and is never blinded again: it does not count.
        guard own.contains(where: { $0.epoch != keyring.primary.epoch && !$0.tokens.isEmpty }) else { return 0 }
        return try reblindOwnReports()
    }

    /// Blinds every live report again under this node's primary epoch key: the blinded records
    /// keep their ids, their tokens change. Withdrawn and expired reports are left out. Returns
    /// how many were re-blinded.
    @discardableResult
    public func reblindOwnReports() throws(NodeError) -> Int {
        do {
            var records: [BlindedRecord] = []
            for r in try database.reports(limit: Int(Int32.max)) where r.status != .withdrawn && r.expiresOn >= today {
                records.append(blindedRecord(for: r))
            }
            try database.store(records)
            return records.count
        } catch {
            throw .store(error)
        }
    }
}
