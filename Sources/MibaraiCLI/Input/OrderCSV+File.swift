import Foundation
import MibaraiImport
import MibaraiNode

extension OrderCSV {
    /// Reads and parses a CSV export from a file.
    static func read(path: String) throws(NodeError) -> OrderCSV {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw .noInput(ja: "CSVファイルを読めません: \(path)", en: "cannot read the CSV file \(path)")
        }
        do { return try parse(data, name: path) } catch { throw .data(error.message) }
    }
}
