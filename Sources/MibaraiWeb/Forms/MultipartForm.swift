import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file: each part's
/// name, its file name when it is a file, and its bytes. Only what the CSV page needs: no nested
/// multiparts, no transfer encodings.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var data: Data
    }

    var parts: [Part]

    /// The boundary of a `multipart/form-data` content type; nil for any other type.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for p in pieces.dropFirst() where p.lowercased().hasPrefix("boundary=") {
            var b = String(p.dropFirst("boundary=".count))
            if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
            return b.isEmpty || b.count > 70 ? nil : b
        }
        return nil
    }

    /// Parses a body; nil when it is not a well-formed multipart body with this boundary.
    init?(_ body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard let first = body.range(of: delimiter) else { return nil }
        var cursor = first.upperBound
        var parts: [Part] = []
        while true {
            // After a delimiter: `--` ends the body, else CRLF and a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: crlf) else { return nil }
            cursor += 2
            guard let headEnd = body.range(of: headerEnd, in: cursor..<body.endIndex) else { return nil }
            let head = String(decoding: body[cursor..<headEnd.lowerBound], as: UTF8.self)
            let contentStart = headEnd.upperBound
            guard let next = body.range(of: crlf + delimiter, in: contentStart..<body.endIndex) else { return nil }
            var name: String?
            var filename: String?
            for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                filename = Self.parameter("filename", in: line)
            }
            guard let name else { return nil }
            parts.append(Part(name: name, filename: filename, data: Data(body[contentStart..<next.lowerBound])))
            cursor = next.upperBound
        }
        self.parts = parts
    }

    /// The first part named `name`.
    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// `name="value"` in a Content-Disposition line.
    private static func parameter(_ key: String, in line: String) -> String? {
        let marker = "\(key)=\""
        var search = line[...]
        while let r = search.range(of: marker) {
            // `name=` must not be the tail of `filename=`.
            let before = r.lowerBound == line.startIndex ? nil : line[line.index(before: r.lowerBound)]
            if before == nil || before == " " || before == ";" {
                let rest = line[r.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { return nil }
                return String(rest[..<end])
            }
            search = line[r.upperBound...]
        }
        return nil
    }
}
