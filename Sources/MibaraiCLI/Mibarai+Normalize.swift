import ArgumentParser
import Foundation
import MibaraiCore

extension Mibarai {
    /// `mibarai normalize`: JSON lines in, the same lines with the six identity fields normalised out.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "標準化: JSON Lines の身元項目を正規形にする / Normalise identity fields of JSON lines on stdin."
        )

        func run() throws {
            let normalizer = try Normalizer.bundled()
            var out = BufferedOutput()
            var lineNumber = 0
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                if line.allSatisfy(\.isWhitespace) { continue }
                guard let data = line.data(using: .utf8),
                      var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
                else {
                    throw ValidationError("line \(lineNumber): not a JSON object")
                }
                var identity = Identity()
                for field in IdentityField.allCases {
                    identity[field] = object[field.rawValue] as? String
                }
                let normalized = normalizer.normalize(identity)
                for field in IdentityField.allCases {
                    object[field.rawValue] = normalized[field] ?? NSNull()
                }
                let encoded = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                out.write(encoded)
                out.write(newline: ())
            }
            out.flush()
        }
    }
}
