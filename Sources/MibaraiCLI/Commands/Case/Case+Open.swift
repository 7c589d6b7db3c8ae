import ArgumentParser
import MibaraiCore
import MibaraiStore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case open`: starts chasing an unpaid order.
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "未払い案件を開始する / Open a case for an unpaid order.",
            discussion: """
            例 / Examples:
              mibarai case open --order-ref A-1001 --amount 12800 --order-date 2026-10-01 --ship-date 2026-10-02 \\
                --delivered-on 2026-10-03 --carrier ヤマト運輸 --tracking 1234-5678-9012 --payment-method 後払い --items "珈琲豆 2kg" \\
                --name "山田 太郎" --postal-code 135-0045 --address "東京都江東区古石場2-29-16" --phone 090-1234-5678
              mibarai case open --order-ref A-1002 --payment-method 代金引換 --refused-on 2026-10-05 --amount 3440 \\
                --loss-detail "往路送料 1,500円、返送料 1,500円、代金引換手数料 440円" --name "山田 太郎" --address "…"
              mibarai case open --from-report 3fa2c1 --amount 12800
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: IdentityOptions

        @Option(help: "請求額 (円) / Amount owed in yen.") var amount: String
        @Option(name: .customLong("order-ref"), help: "注文番号 / Order reference.") var orderReference: String?
        @Option(name: .customLong("order-date"), help: "注文日 / Order date (YYYY-MM-DD).") var orderDate: String?
        @Option(name: .customLong("ship-date"), help: "発送日 / Ship date.") var shipDate: String?
        @Option(name: .customLong("delivered-on"), help: "配達日 (追跡の配達完了) / Day the parcel was delivered.") var deliveredOn: String?
        @Option(name: .customLong("due-date"), help: "支払期限 (既定: 注文日 + payment_term_days) / Payment due date.") var dueDate: String?
        @Option(help: "配送業者 / Carrier.") var carrier: String?
        @Option(help: "追跡番号 / Tracking number.") var tracking: String?
        @Option(name: .customLong("payment-method"), help: "支払方法 (後払い, 代引き …) / Payment method.") var paymentMethod: String?
        @Option(help: "商品 (1行) / What was ordered, one line.") var items: String?
        @Option(name: .customLong("refused-on"), help: "代金引換の受取拒否の日 (--amount は損害額) / Day a cash-on-delivery parcel was refused (--amount is then the loss).") var refusedOn: String?
        @Option(name: .customLong("loss-detail"), help: "受取拒否による損害の内訳 (1行) / What the loss of a refused parcel is made of, one line.") var lossDetail: String?
        @Option(name: .customLong("opened-on"), help: "開始日 (既定: 今日) / Opening date (default: today).") var openedOn: String?
        @Option(name: .customLong("from-report"), help: "この報告の顧客・注文情報から開始 / Start from this report's customer and order.") var fromReport: String?
        @Flag(help: "悪質な疑い (偽名・転売など) / Suspected deliberate (false identity, resale).") var deliberate = false
        @Option(help: "メモ / Note.") var note: String?

        func run() async throws {
            try await NodeError.guarded {
                guard let amountYen = try InputParsing.amount(amount) else { return }
                let order = CaseOrder(
                    reference: orderReference, orderDate: try InputParsing.date(orderDate, option: "order-date"),
                    shipDate: try InputParsing.date(shipDate, option: "ship-date"),
                    dueDate: try InputParsing.date(dueDate, option: "due-date"), carrier: carrier, trackingNumber: tracking,
                    paymentMethod: paymentMethod, items: items, amountYen: amountYen,
                    refusedOn: try InputParsing.date(refusedOn, option: "refused-on"), lossDetail: lossDetail,
                    deliveredOn: try InputParsing.date(deliveredOn, option: "delivered-on")
                )
                if lossDetail != nil, refusedOn == nil {
                    throw NodeError.usage(
                        ja: "--loss-detail は受取拒否の日 (--refused-on) と一緒に指定してください。",
                        en: "--loss-detail goes with --refused-on (the day the parcel was refused)."
                    )
                }
                let opened = try InputParsing.date(openedOn, option: "opened-on")
                let identity = try person.identity()
                let (node, console) = try global.openNode()
                let saved = try node.openCase(.init(identity: identity, order: order, openedOn: opened, deliberate: deliberate,
                                                    fromReport: fromReport, note: note))
                if global.json {
                    try console.emit(CaseJSON(saved, policy: node.dunning, today: node.today))
                } else {
                    console.say(
                        ja: "案件 #\(saved.number) を開始しました (請求額 \(LookupResult.yen(amountYen)))。",
                        en: "Opened case #\(saved.number) (\(LookupResult.yen(amountYen)) owed)."
                    )
                    console.caseLine(saved, policy: node.dunning, today: node.today)
                }
            }
        }
    }
}
