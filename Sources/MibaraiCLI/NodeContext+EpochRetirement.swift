import Foundation
import MibaraiCore
import MibaraiStore

extension NodeContext {
    /// Retires the epochs older than the primary once the grace period after the primary was
    /// taken has passed (``EpochRetirement``, `[federation] epoch_grace_days`): other members'
    /// records still blinded under them are dropped first, then the keys file keeps the primary
    /// and any epoch not yet retiring. Returns the keyring to use from now on (the same when
    /// nothing retired). Safe to repeat: a pass cut short is finished by the next one.
    static func retireOldEpochs(keysFile: URL, database: AppDatabase, configuration: NodeConfiguration,
                                today: LocalDate) throws(CLIError) -> (keyring: Keyring, retired: [UInt32], dropped: Int) {
        let (keyring, adoptedOn) = try NodeKeys.readKeyringAndAdoption(keysFile)
        let retiring = EpochRetirement.retiring(
            accepted: keyring.accepted.map(\.epoch), primary: keyring.primary.epoch,
            primaryAdoptedOn: adoptedOn[keyring.primary.epoch], today: today,
            graceDays: configuration.federation.epochGraceDays
        )
        guard !retiring.isEmpty else { return (keyring, [], 0) }
        let dropped: Int
        do { dropped = try database.dropBlinded(epochs: retiring, exceptOrigin: configuration.nodeID) } catch { throw .store(error) }
        let kept = Keyring(primary: keyring.primary, older: keyring.accepted.filter { !retiring.contains($0.epoch) })
        try NodeKeys.replaceKeyring(kept, adoptedOn: adoptedOn.filter { !retiring.contains($0.key) }, at: keysFile)
        return (kept, retiring, dropped)
    }
}
