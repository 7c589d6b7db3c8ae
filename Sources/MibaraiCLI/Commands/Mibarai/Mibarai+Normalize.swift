import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai {
    /// `mibarai normalize`: JSON lines in, the same lines with the six identity fields normalised out.
    struct Normalize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "正規化: JSON Lines の身元項目を正規形にする / Normalise the identity fields of JSON lines on stdin.",
            discussion: """
            入力 / Input: one JSON object per line with any of name, name_kana, postal_code, address, phone, email.
            出力 / Output: the same objects, in order, every other key kept, each of the six fields replaced by its
            canonical string or null; plus "tokens" (type → hex) when the data directory holds a federation key.
            Lines are written as they are read: on a bad line the command stops with an error naming the line
            (exit 65), after the lines before it. / 不正な行で停止し、その行番号を表示します (それ以前の行は出力済み)。
            """
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await NodeError.guarded {
                let normalizer: Normalizer
                do { normalizer = try Normalizer.bundled() } catch {
                    throw NodeError.software(ja: "正規化の表を読み込めません: \(error)", en: "cannot load the normalisation tables: \(error)")
                }
                let keysFile = global.dataDirectory.appendingPathComponent(NodeKeys.federationKeysFile)
                let blinder = FileManager.default.fileExists(atPath: keysFile.path)
                    ? Blinder(key: try NodeKeys.readKeyring(keysFile).primary) : nil
                var out = BufferedOutput()
                defer { out.flush() }
                var lineNumber = 0
                while let line = readLine(strippingNewline: true) {
                    lineNumber += 1
                    if line.allSatisfy(\.isWhitespace) { continue }
                    guard var object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                        throw NodeError.data(ja: "\(lineNumber)行目が JSON オブジェクトではありません (line \(lineNumber))。", en: "line \(lineNumber) is not a JSON object.")
                    }
                    var identity = Identity()
                    for field in IdentityField.allCases {
                        switch object[field.rawValue] {
                        case nil, is NSNull: break
                        case let s as String: identity[field] = s
                        default:
                            throw NodeError.data(
                                ja: "\(lineNumber)行目の \(field.rawValue) が文字列ではありません (line \(lineNumber))。",
                                en: "line \(lineNumber): \(field.rawValue) is not a string."
                            )
                        }
                    }
                    let normalized = normalizer.normalize(identity)
                    for field in IdentityField.allCases {
                        object[field.rawValue] = normalized[field] ?? NSNull()
                    }
                    if let blinder {
                        var tokens: [String: String] = [:]
                        for t in blinder.tokens(for: normalized) { tokens[t.type.name] = t.value.description }
                        object["tokens"] = tokens
                    }
                    out.write(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                    out.write(newline: ())
                }
            }
        }
    }
}
