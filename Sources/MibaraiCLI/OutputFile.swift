import Foundation

/// Writes a command's document (letter, evidence file) to a path: whole or not at all, so an
/// existing file is never left half-written.
enum OutputFile {
    static func write(_ text: String, to path: String) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw .noInput(ja: "ファイルに書き込めません: \(path)", en: "cannot write \(path)")
        }
    }
}
