/// The screening API's answer written without `JSONEncoder`: the same object as `Encodable` gives
/// with snake_case keys in sorted order, absent optionals left out (a test compares the two).
extension ScreeningJSON {
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        if let allowListed { w.key("allow_listed"); w.bool(allowListed) }
        w.key("checkable"); w.bool(checkable)
        if let confirmationCall { w.key("confirmation_call"); Self.write(confirmationCall, &w) }
        if let decision { w.key("decision"); w.string(decision) }
        if let error { w.key("error"); Self.write(error, &w) }
        if let impersonationVictimMatches { w.key("impersonation_victim_matches"); w.int(impersonationVictimMatches) }
        if let incomplete { w.key("incomplete"); w.bool(incomplete) }
        if let matched { w.key("matched"); w.bool(matched) }
        if let matches {
            w.key("matches")
            w.beginArray()
            for m in matches { Self.write(m, &w) }
            w.endArray()
        }
        if let outstandingYen { w.key("outstanding_yen"); w.int(outstandingYen) }
        if let reasons {
            w.key("reasons")
            w.beginArray()
            for r in reasons {
                w.beginObject()
                w.key("en"); w.string(r.en)
                w.key("ja"); w.string(r.ja)
                w.key("rule"); w.string(r.rule)
                w.key("weight"); w.int(r.weight)
                w.endObject()
            }
            w.endArray()
        }
        if let reference { w.key("reference"); w.string(reference) }
        if let reports { w.key("reports"); w.int(reports) }
        if let row { w.key("row"); w.int(row) }
        if let rows {
            w.key("rows")
            w.beginArray()
            for r in rows { w.int(r) }
            w.endArray()
        }
        if let score { w.key("score"); w.int(score) }
        if let shops { w.key("shops"); w.int(shops) }
        if let strongest { w.key("strongest"); w.string(strongest) }
        w.endObject()
        return w.bytes
    }

    private static func write(_ p: Problem, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("en"); w.string(p.en)
        w.key("ja"); w.string(p.ja)
        w.endObject()
    }

    private static func write(_ m: Match, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("amount_yen"); w.int(m.amountYen)
        w.key("category"); w.string(m.category)
        w.key("differing_fields"); write(m.differingFields, &w)
        w.key("matched_fields"); write(m.matchedFields, &w)
        w.key("month"); w.string(m.month)
        w.key("origin"); w.string(m.origin)
        w.key("report_id"); w.string(m.reportId)
        w.key("status"); w.string(m.status)
        w.key("strength"); w.string(m.strength)
        if let s = m.suppressedFields { w.key("suppressed_fields"); write(s, &w) }
        w.endObject()
    }

    private static func write(_ items: [String], _ w: inout JSONWriter) {
        w.beginArray()
        for s in items { w.string(s) }
        w.endArray()
    }
}
