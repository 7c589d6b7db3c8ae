import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiStore
import MibaraiTestSupport
import Testing

/// The order screener over a real SQLite file: lookups, the velocity history kept across
/// screeners (migration "v3: screened orders"), and nothing but keyed tokens stored.
@Suite("Order screener")
struct OrderScreenerTests {
    let dir = TemporaryDirectory("mibarai-screener")
    let normalizer = try! Normalizer.bundled()
    let keyring = Keyring(primary: Fixtures.key)
    let velocityKey = Array(repeating: UInt8(5), count: 32)
    let now: Int64 = 1_795_400_000

    func screener(_ db: AppDatabase) throws -> OrderScreener {
        try OrderScreener(database: db, normalizer: normalizer, keyring: keyring, policy: ScreeningPolicy(), velocityKey: velocityKey, now: now)
    }

    func order(_ ref: String, name: String, at: Int64, payment: PaymentMethod = .postpay) -> Order {
        var id = Fixtures.canary
        id.name = name
        id.nameKana = nil
        return Order(reference: ref, billing: id, payment: payment, placedAt: at)
    }

    @Test func historyPersistsAndHoldsNoValue() async throws {
        let path = dir.path("node.sqlite")
        let db = try AppDatabase(path: path)
        let report = Fixtures.report()
        let record = BlindedRecord(report: report, origin: "shop-a", normalized: normalizer.normalize(report.identity), blinder: Blinder(key: Fixtures.key))
        try db.store([record])

        let first = try await screener(db).screen([order("W-1", name: "見本 カナリア太郎", at: now - 3600)], now: now)[0]
        #expect(first.lookup.strongest == .strong)
        #expect(first.decision == .hold)
        #expect(first.contributions.contains { $0.rule == .newCustomerPayLater })

        // A new screener (a new process) reads the history back from the file.
        let second = try await screener(try AppDatabase(path: path)).screen([order("W-2", name: "別名 次郎", at: now - 1800)], now: now)[0]
        let rules = Set(second.contributions.map(\.rule))
        #expect(rules.contains(.sharedPhoneNames))
        #expect(!rules.contains(.newCustomerPayLater), "the phone has ordered before")
        #expect(try db.screenedOrderCount() == 2)

        // Screening W-1 again replaces its row.
        _ = try await screener(db).screen([order("W-1", name: "見本 カナリア太郎", at: now - 3600)], now: now)
        #expect(try db.screenedOrderCount() == 2)

        // Old orders are forgotten after `history_days`.
        let later = now + Int64(ScreeningPolicy().historyDays) * 86_400 + 1
        _ = try await screener(db).screen([order("W-3", name: "見本 カナリア太郎", at: later)], now: later)
        #expect(try db.screenedOrderCount() == 1)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        let text = String(decoding: bytes, as: UTF8.self)
        for needle in ["W-1", "W-2", "+819012345678", "canary.mihon", "別名", "古石場"] {
            #expect(!text.contains(needle), "the screened-order table holds keyed tokens only")
        }
    }

    @Test func exportsListedNewestFirstAreFedOldestFirst() async throws {
        let db = try AppDatabase(path: dir.path("order.sqlite"))
        let orders = (0..<3).map { order("B-\($0)", name: "見本 カナリア太郎", at: now - Int64($0) * 600) }  // newest first
        let results = try await screener(db).screen(orders, now: now)
        #expect(results[0].contributions.contains { $0.rule == .orderBurst }, "the newest order is the third in a row")
        #expect(!results[2].contributions.contains { $0.rule == .orderBurst })
        #expect(results[2].contributions.contains { $0.rule == .newCustomerPayLater })
        #expect(!results[0].contributions.contains { $0.rule == .newCustomerPayLater })
    }

    /// Batches screened from many threads without waiting reach the file once flushed (the
    /// writer groups them), and a screener that only reads the history adds nothing to it.
    @Test func historyWrittenBehindTheScreeningIsCompleteAfterFlush() async throws {
        let path = dir.path("behind.sqlite")
        let db = try AppDatabase(path: path)
        let s = try screener(db)
        let batches = (0..<8).map { t in (0..<5).map { b in (0..<20).map { k in order("T\(t)-\(b)-\(k)", name: "見本 \(t)", at: now - Int64(k)) } } }
        let at = now
        await withTaskGroup(of: Void.self) { tasks in
            for t in 0..<8 {
                tasks.addTask { for orders in batches[t] { _ = try? await s.screen(orders, now: at, waitForHistory: false) } }
            }
        }
        try await s.flushHistory()
        #expect(try db.screenedOrderCount() == 8 * 5 * 20)
        let reader = try OrderScreener(database: try AppDatabase(path: path), normalizer: normalizer, keyring: keyring, policy: ScreeningPolicy(),
                                       velocityKey: velocityKey, now: now)
        let read = try await reader.screen([order("R-1", name: "別名 三郎", at: now)], now: now, recording: false)[0]
        #expect(read.contributions.contains { $0.rule == .sharedPhoneNames }, "a new screener reads the flushed history")
        #expect(try db.screenedOrderCount() == 8 * 5 * 20, "recording: false leaves the history as it was")
    }
}
