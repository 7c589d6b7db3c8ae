import Foundation
import MibaraiCore
import MibaraiStore

extension NodeContext {
    /// An order screener over this node's store, keys and `[screening]` policy.
    func screener(now: Int64, tokenIndex: TokenIndex? = nil) throws(CLIError) -> OrderScreener {
        let key = try NodeSecrets.velocityKey(in: directory)
        do {
            return try OrderScreener(database: database, normalizer: normalizer, keyring: keyring, policy: configuration.screening,
                                     velocityKey: key, now: now, tokenIndex: tokenIndex)
        } catch {
            throw .store(error)
        }
    }

    /// The current time in seconds since 1970; with `MIBARAI_TODAY` set, noon of that day in
    /// Japan, so that tests and demos see the same history whatever the clock says.
    static func now(_ date: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment) -> Int64 {
        if let fixed = environment["MIBARAI_TODAY"], let day = LocalDate(parsing: fixed) {
            return Int64(day.daysSinceEpoch) * 86_400 + 3 * 3600
        }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
