import Foundation

/// The fields of a posted form (`application/x-www-form-urlencoded`): the last value of a name
/// wins; a field left empty reads as nil.
struct WebForm: Sendable {
    private var fields: [String: String] = [:]

    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
    }

    init(_ fields: [String: String]) { self.fields = fields }

    /// The field's value with surrounding spaces removed; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let v = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// The value as typed (kept for re-showing a form after an error).
    var values: [String: String] { fields }

    private static func decode(_ s: Substring) -> String? {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
