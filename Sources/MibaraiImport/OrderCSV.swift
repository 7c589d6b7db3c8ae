import Foundation
import MibaraiCore

/// A CSV file of orders, decoded (UTF-8 with or without BOM, or Shift_JIS/CP932), its platform
/// recognised from the header (``OrderCSVLayout``), and its rows grouped into orders: exports
/// that list one row per item repeat the order number on each row, often with the customer's
/// fields only on the first.
public struct OrderCSV: Sendable {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", shiftJIS = "Shift_JIS" }

    /// One order: the rows it spans (0-based, after the header) and the order, or why the rows
    /// cannot be screened.
    public struct Group: Sendable {
        public var rows: Range<Int>
        /// The order number of its first row, if any.
        public var reference: String?
        public var order: Order?
        public var problem: Localized?
    }

    public let header: [String]
    public let rows: [[String]]
    public let encoding: Encoding
    public let hadBOM: Bool
    public let platform: OrderCSVLayout.Platform
    /// Columns of each part present, in joining order.
    public let columns: [OrderCSVLayout.Part: [Int]]
    /// The same by `Part.rawValue` (empty when absent): read for every cell, without hashing.
    private let columnsByPart: [[Int]]

    init(header: [String], rows: [[String]], encoding: Encoding, hadBOM: Bool, platform: OrderCSVLayout.Platform,
         columns: [OrderCSVLayout.Part: [Int]]) {
        self.header = header
        self.rows = rows
        self.encoding = encoding
        self.hadBOM = hadBOM
        self.platform = platform
        self.columns = columns
        columnsByPart = OrderCSVLayout.Part.allCases.map { columns[$0] ?? [] }
    }

    /// Reads a file's bytes; `name` (its path or upload name) is what errors call it.
    public static func parse(_ data: Data, name: String) throws(ImportError) -> OrderCSV {
        var bytes = data
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes = bytes.dropFirst(3) }
        let text: String
        let encoding: Encoding
        if let t = String(data: bytes, encoding: .utf8) {
            (text, encoding) = (t, .utf8)
        } else if let t = String(data: bytes, encoding: .shiftJIS) {
            (text, encoding) = (t, .shiftJIS)
        } else {
            throw .unknownEncoding(name)
        }
        // memchr, not Data's byte-by-byte iterator: this reads every byte of a large file.
        if bytes.withUnsafeBytes({ raw in raw.count > 0 && memchr(raw.baseAddress!, 0, raw.count) != nil }) {
            throw .binary(name)
        }
        let (header, rows) = try table(text, name: name)
        let (platform, columns) = resolve(header)
        let identityParts: [OrderCSVLayout.Part] = [.name, .nameKana, .address, .phone, .email, .shipName, .shipAddress, .shipPhone]
        if identityParts.allSatisfy({ columns[$0] == nil }) {
            throw .noIdentityColumn(name)
        }
        return OrderCSV(header: header, rows: rows, encoding: encoding, hadBOM: bom, platform: platform, columns: columns)
    }

    /// The header and the rows of a CSV text (``CSVByteParser``). A large text is cut after row
    /// ends (``CSVRowSplitter``) and the pieces read on all cores: the same rows, in file order.
    /// A quoted cell that is never closed is an error naming the line it starts on: the rows after
    /// it would otherwise vanish into it.
    static func table(_ text: String, name: String) throws(ImportError) -> (header: [String], rows: [[String]]) {
        var text = text
        let lanes = ProcessInfo.processInfo.activeProcessorCount
        let (tables, bounds) = text.withUTF8 { utf8 -> ([CSVByteParser.Table], [Int]) in
            // Four pieces per core, taken as cores come free.
            let cuts = utf8.count < 1 << 20 || lanes < 2 ? [] : CSVRowSplitter.cuts(utf8, pieces: min(lanes * 4, 32))
            let bounds = [0] + cuts + [utf8.count]
            // Read-only, and `Lanes.map` returns only when every lane is done: the bytes outlive
            // every use.
            nonisolated(unsafe) let bytes = utf8
            let tables = Lanes.map(bounds.count - 1, minimum: 2, chunksPerCore: 4) { range in
                range.map { k in CSVByteParser.read(UnsafeBufferPointer(rebasing: bytes[bounds[k]..<bounds[k + 1]])) }
            }
            return (tables, bounds)
        }
        for (k, t) in tables.enumerated() {
            guard let at = t.unclosedQuoteAt else { continue }
            let offset = bounds[k] + at
            let line = 1 + text.utf8.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw .unclosedQuote(name, line: line)
        }
        var rows: [[String]] = []
        rows.reserveCapacity(tables.reduce(0) { $0 + $1.rows.count })
        for t in tables { rows += t.rows }
        guard !rows.isEmpty else { return ([], []) }
        let header = rows.removeFirst()
        return (header, rows)
    }

    /// The platform whose signature headers are all present, else the generic mapping.
    static func resolve(_ header: [String]) -> (OrderCSVLayout.Platform, [OrderCSVLayout.Part: [Int]]) {
        var position: [String: Int] = [:]
        for (i, h) in header.enumerated() where position[OrderCSVLayout.key(h)] == nil { position[OrderCSVLayout.key(h)] = i }
        for layout in OrderCSVLayout.platforms where layout.signature.allSatisfy({ position[OrderCSVLayout.key($0)] != nil }) {
            var columns: [OrderCSVLayout.Part: [Int]] = [:]
            for (part, names) in layout.parts {
                let found = names.compactMap { position[OrderCSVLayout.key($0)] }
                if !found.isEmpty { columns[part] = found }
            }
            return (layout.platform, columns)
        }
        var columns: [OrderCSVLayout.Part: [Int]] = [:]
        for (part, names) in OrderCSVLayout.generic {
            if let i = names.lazy.compactMap({ position[OrderCSVLayout.key($0)] }).first { columns[part] = [i] }
        }
        return (.generic, columns)
    }

    /// The value of a part in a row: its columns' non-empty cells joined (nil when none).
    func value(_ part: OrderCSVLayout.Part, _ row: [String]) -> String? {
        let cols = columnsByPart[part.rawValue]
        if cols.isEmpty { return nil }
        var pieces: [String] = []
        for c in cols where c < row.count {
            let cell = Self.trimmed(row[c])
            if cell.isEmpty { continue }
            // Shopify writes the province in English ("Tokyo"): the postal code places the address.
            if (part == .address || part == .shipAddress)
                && cell.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x20 }) { continue }
            if cols.count == 1 { return cell }
            pieces.append(cell)
        }
        return pieces.isEmpty ? nil : pieces.joined(separator: part.separator)
    }

    /// The cell without leading and trailing white space (most cells have none: returned as they are).
    static func trimmed(_ cell: String) -> String {
        // Most cells start and end with an ASCII character that is not white space: no Unicode
        // property lookup for those.
        func asciiSolid(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && !(0x09...0x0D).contains(b) }
        if let first = cell.utf8.first, let last = cell.utf8.last, asciiSolid(first), asciiSolid(last) { return cell }
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last else { return cell }
        if !isWhitespace(first) && !isWhitespace(last) { return cell }
        return cell.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `Unicode.Scalar.Properties.isWhitespace` (White_Space), without the property table lookup.
    public static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The rows grouped into orders (consecutive rows with the same order number).
    /// Large files are grouped on all cores (the groups are independent): same groups, in order.
    public func groups() -> [Group] {
        let references = Lanes.map(rows.count, minimum: 4096, chunksPerCore: 4) { range in range.map { value(.reference, rows[$0]) } }
        var spans: [Range<Int>] = []
        var start = 0
        while start < rows.count {
            var end = start + 1
            if let ref = references[start] {
                while end < rows.count, references[end] == ref { end += 1 }
            }
            spans.append(start..<end)
            start = end
        }
        let orders = spans
        return Lanes.map(orders.count, minimum: 4096, chunksPerCore: 4) { range in
            var payments: [String: PaymentMethod?] = [:]
            return range.map { group(orders[$0], payments: &payments) }
        }
    }

    private func group(_ range: Range<Int>, payments: inout [String: PaymentMethod?]) -> Group {
        var g = makeGroup(range, payments: &payments)
        g.reference = value(.reference, rows[range.lowerBound])
        return g
    }

    private func makeGroup(_ range: Range<Int>, payments: inout [String: PaymentMethod?]) -> Group {
        for i in range {
            let n = rows[i].count
            let extra = n > header.count && rows[i][header.count...].contains { !$0.allSatisfy(\.isWhitespace) }
            if n < header.count || extra {
                return Group(rows: range, problem: Localized(
                    ja: "列の数が見出しと合いません (\(n)列、見出しは\(header.count)列)",
                    en: "\(n) fields where the header has \(header.count)"))
            }
        }
        // A loop, not `lazy.compactMap`: its stored closure would copy `self` for every part.
        func first(_ part: OrderCSVLayout.Part) -> String? {
            for i in range { if let v = value(part, rows[i]) { return v } }
            return nil
        }
        let billing = Identity(name: first(.name), nameKana: first(.nameKana), postalCode: first(.postalCode),
                               address: first(.address), phone: first(.phone), email: first(.email))
        let shipping = Identity(name: first(.shipName), nameKana: first(.shipNameKana), postalCode: first(.shipPostalCode),
                                address: first(.shipAddress), phone: first(.shipPhone))
        var items: [OrderForm.Item] = []
        for i in range {
            let row = rows[i]
            let sku = value(.sku, row), name = value(.itemName, row)
            let q = value(.quantity, row), p = value(.unitPrice, row)
            if sku == nil && name == nil && q == nil && p == nil { continue }
            items.append(OrderForm.Item(sku: sku, name: name, quantity: q, unitPrice: p))
        }
        let form = OrderForm(reference: first(.reference), placedAt: first(.placedAt), billing: billing,
                             shipping: shipping.isEmpty ? nil : shipping, items: items, payment: first(.payment),
                             deliveryMethod: first(.delivery))
        let order: Order
        do { order = try form.order(payments: &payments) } catch { return Group(rows: range, problem: error.message) }
        return Group(rows: range, order: order)
    }
}
