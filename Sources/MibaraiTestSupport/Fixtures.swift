import MibaraiCore

/// Made-up people and reports for tests. None of them is a real person.
public enum Fixtures {
    /// A shop's `[shop]` settings (the letters' sender), to append to a node's `mibarai.toml`.
    public static let shopSettings = """

        [shop]
        name = "まるやま珈琲"
        representative = "代表 丸山 一郎"
        postal_code = "100-0001"
        address = "東京都千代田区千代田1-1"
        phone = "03-1234-5678"
        bank_account = "見本銀行 本店 普通 1234567"

        """
    public static let today = LocalDate(year: 2026, month: 11, day: 22)!
    public static let key = EpochKey(epoch: 1, keyBytes: Array(repeating: 0x42, count: 32))!

    /// A canary identity: tests assert that none of these strings ever leaves the node.
    public static let canary = Identity(
        name: "見本 カナリア太郎", nameKana: "ミホン カナリアタロウ", postalCode: "135-0045",
        address: "東京都江東区古石場2丁目29番16号 カナリアハイツ1203号室", phone: "090-1234-5678",
        email: "canary.mihon@docomo.ne.jp"
    )

    public static func report(_ identity: Identity = canary, category: ReportCategory = .nonPayment, amount: Int = 12_800,
                              status: ReportStatus = .open) -> Report {
        let incident = LocalDate(year: 2026, month: 10, day: 1)!
        return Report(identity: identity, category: category, amountYen: amount, orderReference: "A-1001",
                      orderDate: LocalDate(year: 2026, month: 9, day: 20)!, shipDate: LocalDate(year: 2026, month: 9, day: 21)!,
                      incidentDate: incident, status: status, notes: nil, createdOn: today,
                      expiresOn: RetentionPolicy().expiry(for: category, incident: incident))
    }
}
