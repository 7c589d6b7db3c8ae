import Foundation
import MibaraiCore

/// Identities from a JSON Lines file (keys name, name_kana, postal_code, address, phone, email;
/// other keys are ignored), skipping blank and `//` lines.
enum Corpus {
    static func read(_ path: String) throws -> [Identity] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        var out: [Identity] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("//") { continue }
            do {
                out.append(try decoder.decode(Identity.self, from: Data(t.utf8)))
            } catch {
                throw BenchError("\(path):\(n + 1): not an identity object")  // never echo the line
            }
        }
        return out
    }
}
