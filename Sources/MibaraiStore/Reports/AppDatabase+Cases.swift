import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// A report to write together with a case change: a new one (published from the case) or a
    /// changed one (its status following the case).
    public struct LinkedReport: Sendable {
        public var report: Report
        public var blinded: BlindedRecord
        public var isNew: Bool

        public init(report: Report, blinded: BlindedRecord, isNew: Bool) {
            self.report = report
            self.blinded = blinded
            self.isNew = isNew
        }
    }

    /// Stores a new case and its first event; returns it with its number.
    public func openCase(_ c: DunningCase) throws(StoreError) -> DunningCase {
        try write { db in
            let i = c.identity
            let o = c.order
            try db.execute(
                sql: """
                INSERT INTO dunning_case (name, name_kana, postal_code, address, phone, email, order_reference,
                    order_date, ship_date, due_date, carrier, tracking_number, payment_method, items, amount_yen,
                    opened_on, deliberate, report_id, stage, closed_on, refused_on, loss_detail, delivered_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    i.name, i.nameKana, i.postalCode, i.address, i.phone, i.email, o.reference,
                    o.orderDate?.description, o.shipDate?.description, o.dueDate?.description, o.carrier,
                    o.trackingNumber, o.paymentMethod, o.items, o.amountYen, c.openedOn.description,
                    c.flaggedDeliberate, c.reportID.map { Data($0.bytes) }, c.stage.map { Int($0.rawValue) },
                    c.closedOn?.description, o.refusedOn?.description, o.lossDetail, o.deliveredOn?.description,
                ]
            )
            let number = Int(db.lastInsertedRowID)
            for e in c.events { try Self.insertEvent(e, case: number, db) }
            return try Self.fetchCase(number, db)!
        }
    }

    /// Appends the events of `c` not yet stored (seq 0), updates its summary columns, and writes
    /// the linked report if any, all in one transaction. Refuses if the case gained events since
    /// it was read.
    public func saveCase(_ c: DunningCase, report: LinkedReport? = nil, on day: LocalDate) throws(StoreError) -> DunningCase {
        try write { db in
            let storedLast = try Int.fetchOne(db, sql: "SELECT max(seq) FROM case_event WHERE case_number = ?", arguments: [c.number])
            guard let storedLast else { throw StoreError.caseNotFound(c.number) }
            guard c.events.map(\.seq).max() == storedLast else { throw StoreError.caseChanged(c.number) }
            if let report {
                if report.isNew {
                    try Self.insertReport(report.report, db)
                    try Self.upsertBlinded(report.blinded, db)
                    try Self.logEvent(report.report.id, on: day, kind: "recorded", detail: report.report.status.name, db)
                } else {
                    guard try Self.fetchReport(report.report.id, db) != nil else { throw StoreError.reportNotFound(report.report.id.description) }
                    try Self.insertReport(report.report, db, replacing: true)
                    try Self.upsertBlinded(report.blinded, db)
                    try Self.logEvent(report.report.id, on: day, kind: "status", detail: report.report.status.name, db)
                }
            }
            for e in c.events where e.seq == 0 { try Self.insertEvent(e, case: c.number, db) }
            try db.execute(
                sql: "UPDATE dunning_case SET report_id = ?, deliberate = ?, stage = ?, closed_on = ? WHERE number = ?",
                arguments: [
                    c.reportID.map { Data($0.bytes) }, c.flaggedDeliberate, c.stage.map { Int($0.rawValue) },
                    c.closedOn?.description, c.number,
                ]
            )
            return try Self.fetchCase(c.number, db)!
        }
    }

    public func dunningCase(_ number: Int) throws(StoreError) -> DunningCase? {
        try read { db in try Self.fetchCase(number, db) }
    }

    /// Cases, oldest first: the open ones, or all.
    public func cases(includeClosed: Bool = false) throws(StoreError) -> [DunningCase] {
        try read { db in
            let numbers = try Int.fetchAll(
                db, sql: "SELECT number FROM dunning_case" + (includeClosed ? "" : " WHERE closed_on IS NULL") + " ORDER BY number"
            )
            return try numbers.compactMap { try Self.fetchCase($0, db) }
        }
    }

    /// Erases the customer's personal data from cases closed before `closedBefore` (amounts,
    /// dates and the timeline stay, with a dated note); returns how many cases were erased.
    @discardableResult
    public func purgeClosedCases(closedBefore: LocalDate, on today: LocalDate) throws(StoreError) -> Int {
        try write { db in
            let numbers = try Int.fetchAll(db, sql: """
                SELECT number FROM dunning_case WHERE closed_on IS NOT NULL AND closed_on < ?
                    AND coalesce(name, name_kana, postal_code, address, phone, email) IS NOT NULL
                """, arguments: [closedBefore.description])
            for n in numbers {
                try db.execute(sql: """
                    UPDATE dunning_case SET name = NULL, name_kana = NULL, postal_code = NULL, address = NULL, phone = NULL, email = NULL
                    WHERE number = ?
                    """, arguments: [n])
                try Self.insertEvent(CaseEvent(date: today, kind: .note, note: "個人情報を消去 / personal data erased"), case: n, db)
            }
            return numbers.count
        }
    }

    static func insertEvent(_ e: CaseEvent, case number: Int, _ db: Database) throws {
        try db.execute(
            sql: """
            INSERT INTO case_event (case_number, day, kind, stage, amount_yen, promised_date, outcome, note, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                number, e.date.description, Int(e.kind.rawValue), e.stage.map { Int($0.rawValue) }, e.amountYen,
                e.promisedDate?.description, e.outcome.map { Int($0.rawValue) }, e.note, e.time?.description,
            ]
        )
    }

    static func fetchCase(_ number: Int, _ db: Database) throws -> DunningCase? {
        // Cached statements: a list of cases reads every case through here.
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM dunning_case WHERE number = ?"), arguments: [number]) else {
            return nil
        }
        func date(_ r: Row, _ column: String) throws -> LocalDate? {
            guard let text: String = r[column] else { return nil }
            guard let d = LocalDate(parsing: text) else { throw StoreError.corrupt("case.\(column)") }
            return d
        }
        guard let opened = try date(row, "opened_on") else { throw StoreError.corrupt("case.opened_on") }
        let events = try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT * FROM case_event WHERE case_number = ? ORDER BY seq"), arguments: [number]
        ).map { r -> CaseEvent in
            guard let day = try date(r, "day"), let kind = CaseEventKind(rawValue: UInt8(clamping: r["kind"] as Int)) else {
                throw StoreError.corrupt("case_event")
            }
            // A code this version does not know is corruption, not something to drop silently.
            var stage: DunningStage?
            if let code = r["stage"] as Int? {
                guard let s = DunningStage(rawValue: UInt8(clamping: code)) else { throw StoreError.corrupt("case_event.stage") }
                stage = s
            }
            var outcome: CaseOutcome?
            if let code = r["outcome"] as Int? {
                guard let o = CaseOutcome(rawValue: UInt8(clamping: code)) else { throw StoreError.corrupt("case_event.outcome") }
                outcome = o
            }
            var time: TimeOfDay?
            if let text = r["time"] as String? {
                guard let t = TimeOfDay(parsing: text) else { throw StoreError.corrupt("case_event.time") }
                time = t
            }
            return CaseEvent(
                seq: r["seq"], date: day, kind: kind, stage: stage, amountYen: r["amount_yen"],
                promisedDate: try date(r, "promised_date"), outcome: outcome, note: r["note"], time: time
            )
        }
        let reportData: Data? = row["report_id"]
        return DunningCase(
            number: number,
            identity: Identity(
                name: row["name"], nameKana: row["name_kana"], postalCode: row["postal_code"],
                address: row["address"], phone: row["phone"], email: row["email"]
            ),
            order: CaseOrder(
                reference: row["order_reference"], orderDate: try date(row, "order_date"),
                shipDate: try date(row, "ship_date"), dueDate: try date(row, "due_date"), carrier: row["carrier"],
                trackingNumber: row["tracking_number"], paymentMethod: row["payment_method"], items: row["items"],
                amountYen: row["amount_yen"], refusedOn: try date(row, "refused_on"), lossDetail: row["loss_detail"],
                deliveredOn: try date(row, "delivered_on")
            ),
            openedOn: opened, flaggedDeliberate: row["deliberate"],
            reportID: reportData.flatMap { ReportID(bytes: Array($0)) }, events: events
        )
    }
}
