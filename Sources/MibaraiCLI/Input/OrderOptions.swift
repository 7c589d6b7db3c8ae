import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiImport

/// The order fields `check` screens beyond the customer's identity (``IdentityOptions``): only
/// what the screening rules read and a shop can copy from its order screen. The shipping block
/// is for an order that goes to someone else; payment, delivery method and basket feed the
/// delivery, pay-later and basket rules.
struct OrderOptions: ParsableArguments {
    @Option(name: .customLong("order-ref"), help: """
        注文番号。指定した注文は審査履歴に記録され、同じ番号で再照合すると置き換わる / The shop's order number: \
        the order is recorded in the velocity history, and checking the same number again replaces it.
        """)
    var reference: String?
    @Option(name: .customLong("placed-at"), help: "注文日時 (例 2026-11-20 10:15、既定は現在) / When the order was placed (default: now).")
    var placedAt: String?
    @Option(help: """
        支払方法 postpay|cod|card|bank_transfer|convenience_store|other、または「NP後払い」「代金引換」など / \
        Payment method, or the platform's wording (NP後払い, 代金引換 …).
        """)
    var payment: String?
    @Option(name: .customLong("delivery"), help: "配送方法 (営業所留め、コンビニ受取 など) / The delivery method as the shop's system names it.")
    var deliveryMethod: String?
    @Option(name: .customLong("ship-name"), help: "配送先の氏名 (注文者と違う場合) / Recipient's name, when it is not the customer.")
    var shipName: String?
    @Option(name: .customLong("ship-kana"), help: "配送先のフリガナ / Recipient's name in kana.")
    var shipKana: String?
    @Option(name: .customLong("ship-postal-code"), help: "配送先の郵便番号 / Recipient's postal code.")
    var shipPostalCode: String?
    @Option(name: .customLong("ship-address"), help: "配送先の住所 / Recipient's address.")
    var shipAddress: String?
    @Option(name: .customLong("ship-phone"), help: "配送先の電話番号 / Recipient's phone number.")
    var shipPhone: String?
    @Option(name: .customLong("item"), help: """
        商品 SKU:数量:単価 (繰り返し可。例 --item TEA-3P:1:2980 --item :2:35000) / A line of the basket as \
        SKU:QUANTITY:UNIT_PRICE (repeatable; quantity and price may be left out).
        """)
    var items: [String] = []

    /// True when none of these options was given.
    var isEmpty: Bool {
        reference == nil && placedAt == nil && payment == nil && deliveryMethod == nil && shipping.isEmpty && items.isEmpty
    }

    private var shipping: Identity {
        Identity(name: shipName, nameKana: shipKana, postalCode: shipPostalCode, address: shipAddress, phone: shipPhone)
    }

    /// The order of `billing` with these fields, read by the rules every face shares
    /// (``OrderForm``); a value that cannot be read is an error that names the option or the
    /// item, never the value.
    func order(billing: Identity) throws(NodeError) -> Order {
        let basket = try items.enumerated().map { i, text throws(NodeError) in try Self.item(text, position: i + 1) }
        let ship = shipping
        let form = OrderForm(reference: reference, placedAt: placedAt, billing: billing, shipping: ship.isEmpty ? nil : ship,
                             items: basket, payment: payment, deliveryMethod: deliveryMethod)
        do { return try form.order() } catch { throw .data(error.message) }
    }

    /// `SKU`, `SKU:2`, `SKU:2:35000`, `:2:¥35,000` → one basket line; its numbers are read by
    /// ``OrderForm``.
    static func item(_ text: String, position: Int) throws(NodeError) -> OrderForm.Item {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count <= 3, parts.contains(where: { !$0.isEmpty }) else {
            throw .data(ja: "\(position)つ目の --item を読めません (SKU:数量:単価、例 TEA-3P:1:2980)。",
                        en: "item \(position) is not SKU:QUANTITY:UNIT_PRICE (e.g. TEA-3P:1:2980).")
        }
        return OrderForm.Item(sku: parts[0].nilIfEmpty, quantity: parts.count > 1 ? parts[1] : nil, unitPrice: parts.count > 2 ? parts[2] : nil)
    }
}
