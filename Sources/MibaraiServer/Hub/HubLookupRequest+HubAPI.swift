import MibaraiCore
import MibaraiHubAPI

// The node's lookup request and answer (MibaraiCore, which checks every rule) and the types
// generated from Protocol/hub-api.yaml, both ways: the hub reads a request and writes an answer,
// the shop's client writes a request and reads an answer.

extension HubLookupRequest {
    init(_ body: Components.Schemas.LookupRequest) {
        self.init(version: body.version.rawValue, purpose: LookupPurpose(body.purpose), queries: body.queries.map { q in
            Query(reference: q.reference, tokens: q.tokens.map { Token(type: UInt8(truncatingIfNeeded: $0._type.rawValue), token: $0.token) })
        })
    }
}

extension Components.Schemas.LookupRequest {
    /// Nil for a token type the document does not list (the node never makes one).
    init?(_ request: HubLookupRequest) {
        guard let version = VersionPayload(rawValue: request.version) else { return nil }
        var queries: [Components.Schemas.Query] = []
        queries.reserveCapacity(request.queries.count)
        for q in request.queries {
            var tokens: [Components.Schemas.Token] = []
            tokens.reserveCapacity(q.tokens.count)
            for t in q.tokens {
                guard let type = Components.Schemas.TokenType(rawValue: Int(t.type)) else { return nil }
                tokens.append(.init(_type: type, token: t.token))
            }
            queries.append(.init(reference: q.reference, tokens: tokens))
        }
        self.init(version: version, purpose: .init(request.purpose), queries: queries)
    }
}

extension LookupPurpose {
    init(_ purpose: Components.Schemas.Purpose) {
        switch purpose {
        case .screening: self = .screening
        case .lookup: self = .lookup
        }
    }
}

extension Components.Schemas.Purpose {
    init(_ purpose: LookupPurpose) {
        switch purpose {
        case .screening: self = .screening
        case .lookup: self = .lookup
        }
    }
}

extension Components.Schemas.LookupAnswer {
    init(_ answer: HubLookupAnswer) {
        self.init(version: ._1, results: answer.results.map { r in
            .init(reference: r.reference, records: r.records.map { rec in
                .init(origin: rec.origin, id: rec.id, epoch: Int64(rec.epoch), category: Int(rec.category), amountYen: Int64(rec.amountYen),
                      month: rec.month, status: Int(rec.status), expiresOn: rec.expiresOn,
                      tokenTypes: rec.tokenTypes.compactMap { Components.Schemas.TokenType(rawValue: Int($0)) }, matched: rec.matched)
            })
        })
    }
}

extension HubLookupAnswer {
    /// Throws `HubLookupError` for a value out of the node's range (the caller then asks the next hub).
    init(_ answer: Components.Schemas.LookupAnswer) throws(HubLookupError) {
        var results: [Result] = []
        results.reserveCapacity(answer.results.count)
        for r in answer.results {
            var records: [Record] = []
            records.reserveCapacity(r.records.count)
            for rec in r.records {
                guard let epoch = UInt32(exactly: rec.epoch), let category = UInt8(exactly: rec.category),
                      let status = UInt8(exactly: rec.status), let amount = Int(exactly: rec.amountYen)
                else { throw HubLookupError("a record's fields") }
                records.append(Record(origin: rec.origin, id: rec.id, epoch: epoch, category: category, amountYen: amount, month: rec.month,
                                      status: status, expiresOn: rec.expiresOn, tokenTypes: rec.tokenTypes.map { UInt8($0.rawValue) },
                                      matched: rec.matched))
            }
            results.append(Result(reference: r.reference, records: records))
        }
        self.init(version: answer.version.rawValue, results: results)
    }
}
