import Foundation
@testable import MibaraiImport
import MibaraiCore
import MibaraiTestSupport
import Testing

/// Reading an order export in process: platform columns, unclosed quotes, and the chunking that
/// spreads the work over the cores.
@Suite("Order CSV reading")
struct OrderCSVReadingTests {
    static func fixture(_ name: String) -> String {
        ProjectPaths.root.appendingPathComponent("Tests/Fixtures/orders").appendingPathComponent(name).path
    }

    /// BASE's `価格` is the unit price (its `合計金額` is the order's total): 12 units at ¥1,650.
    @Test func baseUnitPriceComesFromItsPriceColumn() throws {
        let file = try OrderCSV.parse(try Data(contentsOf: URL(fileURLWithPath: Self.fixture("base_orders.csv"))), name: "base_orders.csv")
        let orders = file.groups().compactMap(\.order)
        let spike = try #require(orders.first { $0.reference == "K1L2M3N4O5" })
        #expect(spike.items.map(\.quantity) == [12])
        #expect(spike.items.map(\.unitPriceYen) == [1650])
        #expect(spike.recipient.name == "TENSO 倉庫")
    }

    @Test func anUnclosedQuoteIsFoundWhereItOpens() {
        let text = "a,b\n\"x,y\nz\n"
        let table = Array(text.utf8).withUnsafeBufferPointer { CSVByteParser.read($0) }
        #expect(table.unclosedQuoteAt == 4)
        #expect(table.rows == [["a", "b"], ["x,y\nz\n"]])
        let closed = Array("a,\"b\"\n".utf8).withUnsafeBufferPointer { CSVByteParser.read($0) }
        #expect(closed.unclosedQuoteAt == nil)
    }

    @Test(arguments: [0, 1, 2, 7, 33, 5_000])
    func lanesGiveEveryIndexOnceInOrder(count: Int) {
        for chunks in [0, 1, 4] {
            for minimum in [0, 2, 10_000] {
                let out = Lanes.map(count, minimum: minimum, chunksPerCore: chunks) { range in Array(range) }
                #expect(out == Array(0..<count), "count \(count), chunks \(chunks), minimum \(minimum)")
            }
        }
    }
}
