import Logging
import MibaraiCore
import MibaraiStore
import ServiceLifecycle

/// Drops expired blinded records (this node's and other members') and erases the personal data of
/// this node's expired reports, at start and then every `every`, for as long as the node runs. A
/// record of this node that expires is then withdrawn from its log by the gossip.
///
/// `retireEpochs` runs with each pass too: it retires older blinding epochs whose grace period is
/// over (the node's keys file is the caller's) and returns how many records that dropped.
public struct ExpiryService: Service {
    let database: AppDatabase
    let every: Duration
    let today: @Sendable () -> LocalDate
    let retireEpochs: @Sendable () throws -> Int
    let purgeAudit: @Sendable () throws -> Int
    let logger: Logger

    /// `purgeAudit` forgets lookup audit rows past their retention (`[federation] audit_retention_days`).
    public init(database: AppDatabase, every: Duration = .seconds(3_600), today: @escaping @Sendable () -> LocalDate,
                retireEpochs: @escaping @Sendable () throws -> Int = { 0 }, purgeAudit: @escaping @Sendable () throws -> Int = { 0 },
                logger: Logger) {
        self.purgeAudit = purgeAudit
        self.database = database
        self.every = every
        self.today = today
        self.retireEpochs = retireEpochs
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do throws(StoreError) {
                    let n = try database.purgeExpired(today: today())
                    if n > 0 { logger.info("expired records dropped", metadata: ["count": "\(n)"]) }
                } catch {
                    logger.error("cannot drop expired records", metadata: ["error": "\(error.message.en)"])
                }
                do {
                    let n = try retireEpochs()
                    if n > 0 { logger.notice("older epochs retired: their records dropped", metadata: ["count": "\(n)"]) }
                } catch {
                    logger.error("cannot retire older epochs", metadata: ["error": "\(type(of: error))"])
                }
                do {
                    let n = try purgeAudit()
                    if n > 0 { logger.info("lookup audit past its retention forgotten", metadata: ["rows": "\(n)"]) }
                } catch {
                    logger.error("cannot purge the lookup audit", metadata: ["error": "\(type(of: error))"])
                }
                try? await Task.sleep(for: every)
            }
        }
    }
}
