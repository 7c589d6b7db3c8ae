import MibaraiCore
import MibaraiScreeningAPI

// The screening API's order and answer (`screening-api.yaml`) and the node's: the order the
// generated code read becomes a ``ScreenRequest`` (read by `OrderForm`, as the CLI and the CSV
// are); a ``ScreeningJSON`` (also `check --json`'s) becomes the document's result.

extension ScreenRequest {
    init(_ order: Components.Schemas.Order) {
        func identity(_ i: Components.Schemas.Identity) -> Identity {
            Identity(name: i.name, nameKana: i.nameKana, postalCode: i.postalCode, address: i.address, phone: i.phone, email: i.email)
        }
        self.init(reference: order.reference, placedAt: order.placedAt, billing: identity(order.billing), shipping: order.shipping.map(identity),
                  items: order.items?.map { Item(sku: $0.sku, name: $0.name, quantity: $0.quantity ?? 1, unitPriceYen: $0.unitPriceYen) },
                  payment: order.payment, deliveryMethod: order.deliveryMethod)
    }
}

extension Components.Schemas.Result {
    /// A name the node writes that the document does not list (a decision, a strength).
    struct UnlistedName: Error {
        var field: String
    }

    /// Throws ``UnlistedName`` rather than leave a field out: an answer that says `checkable`
    /// with no `decision` would read as no opinion.
    init(_ j: ScreeningJSON) throws(UnlistedName) {
        func listed<T: RawRepresentable<String>>(_ name: String?, _ field: String) throws(UnlistedName) -> T? {
            guard let name else { return nil }
            guard let value = T(rawValue: name) else { throw UnlistedName(field: field) }
            return value
        }
        var matches: [Components.Schemas.Match]?
        if let found = j.matches {
            matches = []
            for m in found {
                matches?.append(.init(reportId: m.reportId, origin: m.origin, category: m.category, amountYen: m.amountYen, month: m.month,
                                      status: m.status, strength: try listed(m.strength, "strength"), matchedFields: m.matchedFields,
                                      differingFields: m.differingFields, suppressedFields: m.suppressedFields))
            }
        }
        self.init(
            reference: j.reference, checkable: j.checkable, error: j.error.map { .init(ja: $0.ja, en: $0.en) }, score: j.score,
            decision: try listed(j.decision, "decision"), allowListed: j.allowListed,
            reasons: j.reasons?.map { .init(rule: $0.rule, weight: $0.weight, ja: $0.ja, en: $0.en) }, matched: j.matched, reports: j.reports,
            shops: j.shops, outstandingYen: j.outstandingYen, strongest: try listed(j.strongest, "strongest"), matches: matches,
            incomplete: j.incomplete, impersonationVictimMatches: j.impersonationVictimMatches,
            confirmationCall: j.confirmationCall.map { .init(ja: $0.ja, en: $0.en) })
    }
}
