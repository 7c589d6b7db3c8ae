import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiStore

extension Mibarai {
    /// `mibarai report …`: the shop's own reports.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "自店の報告を記録・管理する / Record and manage this shop's reports.",
            subcommands: [Add.self, List.self, Show.self, Update.self, Withdraw.self]
        )
    }
}

/// A report as the CLI prints it in JSON.
struct ReportJSON: Encodable {
    var id: String
    var identity: Identity
    var category: String
    var amountYen: Int
    var orderReference: String?
    var orderDate: String?
    var shipDate: String?
    var incidentDate: String
    var status: String
    var notes: String?
    var createdOn: String
    var expiresOn: String

    init(_ r: Report) {
        id = r.id.description
        identity = r.identity
        category = r.category.name
        amountYen = r.amountYen
        orderReference = r.orderReference
        orderDate = r.orderDate?.description
        shipDate = r.shipDate?.description
        incidentDate = r.incidentDate.description
        status = r.status.name
        notes = r.notes
        createdOn = r.createdOn.description
        expiresOn = r.expiresOn.description
    }
}

extension NodeContext {
    /// Validates, blinds and stores a new or changed report; throws before anything is written.
    func save(_ report: Report, isNew: Bool, event: String) throws(CLIError) {
        let normalized = normalizer.normalize(report.identity)
        do {
            try report.validate(today: today, normalized: normalized)
        } catch {
            throw .data(error.message)
        }
        let blinded = BlindedRecord(report: report, origin: configuration.nodeID, normalized: normalized, blinder: blinder)
        do {
            if isNew {
                try database.add(report, blinded: blinded, on: today)
            } else {
                try database.update(report, blinded: blinded, on: today, event: event)
            }
        } catch {
            throw .store(error)
        }
    }

    func findReport(_ text: String) throws(CLIError) -> Report {
        do {
            guard let id = try database.resolveReportID(text), let r = try database.report(id) else {
                throw CLIError.noInput(ja: "報告が見つかりません: \(text)", en: "no report with id \(text)")
            }
            return r
        } catch let e as StoreError {
            throw .store(e)
        } catch let e as CLIError {
            throw e
        } catch {
            throw .software(ja: "\(error)", en: "\(error)")
        }
    }
}
