import MibaraiCore

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
