import Foundation
import MibaraiCore

/// Where commands speak: human text in the chosen language on stdout, progress and errors on
/// stderr, or JSON on stdout for scripts.
struct Console: Sendable {
    let language: Language
    let json: Bool

    func say(_ text: Localized) { print(text.text(language)) }
    func say(ja: String, en: String) { say(Localized(ja: ja, en: en)) }

    /// Progress on stderr, called only when stderr is a terminal; never on stdout.
    func progress(_ text: String) {
        // Back to the line's start, the text, then the rest of the line cleared (a terminal only).
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    func endProgress() { FileHandle.standardError.write(Data("\n".utf8)) }

    func emit<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(try Self.jsonEncoder().encode(value) + Data("\n".utf8))
    }

    /// The encoder of every JSON the CLI prints: sorted snake_case keys, one line. Make one per
    /// command and reuse it across rows.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    static func stderr(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
