import Foundation
import MibaraiNode

/// Writes a command's document (letter, evidence file, bundle) to a path: readable by its owner
/// only (0600, since most hold personal data or keys), and whole or not at all: a temporary file
/// in the same directory renamed over the target, so an existing file is never left half-written.
enum OutputFile {
    static func write(_ text: String, to path: String) throws(NodeError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw .cannotCreate(ja: "ファイルに書き込めません: \(path)", en: "cannot write \(path)")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotCreate(ja: "ファイルに書き込めません: \(path)", en: "cannot write \(path)")
        }
    }
}
