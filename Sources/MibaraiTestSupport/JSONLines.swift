import Foundation

/// Reads a JSON Lines file into decoded values, skipping blank lines and `//` comment lines.
public enum JSONLines {
    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> [T] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") { return nil }
            return try decoder.decode(T.self, from: Data(trimmed.utf8))
        }
    }
}
