/// The order of a review request's records on the wire: by origin, then by publication id (bytes).
extension RecordKey: Comparable {
    public static func < (a: RecordKey, b: RecordKey) -> Bool {
        if a.origin != b.origin { return a.origin < b.origin }
        return a.id.bytes.lexicographicallyPrecedes(b.id.bytes)
    }
}
