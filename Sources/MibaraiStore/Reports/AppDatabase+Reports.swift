import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// Records a new report and its blinded record together.
    public func add(_ report: Report, blinded: BlindedRecord, on day: LocalDate) throws(StoreError) {
        try write { db in
            try Self.insertReport(report, db)
            try Self.upsertBlinded(blinded, db)
            try Self.logEvent(report.id, on: day, kind: "recorded", detail: report.status.name, db)
        }
    }

    /// Replaces a report's fields (identity, amounts, dates, status, notes) and its blinded record
    /// in one transaction. A withdrawn report keeps a blinded record with status withdrawn and no
    /// tokens: it matches nothing, and it is what tells other copies to drop theirs.
    public func update(_ report: Report, blinded: BlindedRecord, on day: LocalDate, event: String) throws(StoreError) {
        try write { db in
            guard try Self.fetchReport(report.id, db) != nil else { throw StoreError.reportNotFound(report.id.description) }
            try Self.insertReport(report, db, replacing: true)
            var record = blinded
            if report.status == .withdrawn {
                record.status = .withdrawn
                record.tokens = []
            }
            try Self.upsertBlinded(record, db)
            try Self.logEvent(report.id, on: day, kind: event, detail: report.status.name, db)
        }
    }

    public func report(_ id: ReportID) throws(StoreError) -> Report? {
        try read { db in try Self.fetchReport(id, db) }
    }

    /// How many reports there are (with this status).
    public func reportCount(status: ReportStatus? = nil) throws(StoreError) -> Int {
        try read { db in
            if let status {
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM report WHERE status = ?", arguments: [Int(status.rawValue)]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM report") ?? 0
        }
    }

    /// Reports, newest incident first, optionally of one status: `limit` of them after the first
    /// `offset` (a page of a list).
    public func reports(status: ReportStatus? = nil, limit: Int = 1000, offset: Int = 0) throws(StoreError) -> [Report] {
        try read { db in
            var sql = "SELECT * FROM report"
            var args: StatementArguments = []
            if let status {
                sql += " WHERE status = ?"
                args += [Int(status.rawValue)]
            }
            sql += " ORDER BY incident_date DESC, rowid DESC LIMIT ? OFFSET ?"
            args += [limit, max(0, offset)]
            return try Row.fetchAll(db, sql: sql, arguments: args).map(Self.report(from:))
        }
    }

    /// The dated history of one report: `(day, kind, detail)` oldest first.
    public func events(of id: ReportID) throws(StoreError) -> [(day: String, kind: String, detail: String?)] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT recorded_on, kind, detail FROM report_event WHERE report_id = ? ORDER BY seq",
                arguments: [Data(id.bytes)]
            ).map { ($0["recorded_on"], $0["kind"], $0["detail"]) }
        }
    }

    /// The report whose id is this hex string or starts with it (at least 6 digits), if exactly one does.
    public func resolveReportID(_ text: String) throws(StoreError) -> ReportID? {
        let hex = text.lowercased()
        if let id = ReportID(hex: hex) { return id }
        guard hex.count >= 6, Hex.decode(hex.count % 2 == 0 ? hex : String(hex.dropLast())) != nil else { return nil }
        return try read { db in
            let rows = try Data.fetchAll(db, sql: "SELECT id FROM report WHERE hex(id) LIKE ? LIMIT 2", arguments: [hex.uppercased() + "%"])
            guard rows.count == 1 else { return nil }
            return ReportID(bytes: Array(rows[0]))
        }
    }

    /// Inserts a report, or with `replacing` rewrites the existing row in place (its event history,
    /// which references it, stays).
    static func insertReport(_ r: Report, _ db: Database, replacing: Bool = false) throws {
        let i = r.identity
        try db.execute(
            sql: """
            INSERT INTO report (id, name, name_kana, postal_code, address, phone, email, category, amount_yen,
                order_reference, order_date, ship_date, incident_date, status, notes, created_on, expires_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """ + (replacing ? """
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_kana = excluded.name_kana,
                postal_code = excluded.postal_code, address = excluded.address, phone = excluded.phone,
                email = excluded.email, category = excluded.category, amount_yen = excluded.amount_yen,
                order_reference = excluded.order_reference, order_date = excluded.order_date,
                ship_date = excluded.ship_date, incident_date = excluded.incident_date, status = excluded.status,
                notes = excluded.notes, created_on = excluded.created_on, expires_on = excluded.expires_on
            """ : ""),
            arguments: [
                Data(r.id.bytes), i.name, i.nameKana, i.postalCode, i.address, i.phone, i.email,
                Int(r.category.rawValue), r.amountYen, r.orderReference, r.orderDate?.description,
                r.shipDate?.description, r.incidentDate.description, Int(r.status.rawValue), r.notes,
                r.createdOn.description, r.expiresOn.description,
            ]
        )
    }

    static func fetchReport(_ id: ReportID, _ db: Database) throws -> Report? {
        try Row.fetchOne(db, sql: "SELECT * FROM report WHERE id = ?", arguments: [Data(id.bytes)]).map(report(from:))
    }

    static func logEvent(_ id: ReportID, on day: LocalDate, kind: String, detail: String?, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO report_event (report_id, recorded_on, kind, detail) VALUES (?, ?, ?, ?)",
            arguments: [Data(id.bytes), day.description, kind, detail]
        )
    }

    static func report(from row: Row) throws -> Report {
        func date(_ column: String) throws -> LocalDate? {
            guard let text: String = row[column] else { return nil }
            guard let d = LocalDate(parsing: text) else { throw StoreError.corrupt("report.\(column)") }
            return d
        }
        let idData: Data = row["id"]
        guard let id = ReportID(bytes: Array(idData)),
              let category = ReportCategory(rawValue: UInt8(clamping: row["category"] as Int)),
              let status = ReportStatus(rawValue: UInt8(clamping: row["status"] as Int)),
              let incident = try date("incident_date"), let created = try date("created_on"),
              let expires = try date("expires_on")
        else { throw StoreError.corrupt("report row") }
        return Report(
            id: id,
            identity: Identity(
                name: row["name"], nameKana: row["name_kana"], postalCode: row["postal_code"],
                address: row["address"], phone: row["phone"], email: row["email"]
            ),
            category: category, amountYen: row["amount_yen"], orderReference: row["order_reference"],
            orderDate: try date("order_date"), shipDate: try date("ship_date"), incidentDate: incident,
            status: status, notes: row["notes"], createdOn: created, expiresOn: expires
        )
    }
}
