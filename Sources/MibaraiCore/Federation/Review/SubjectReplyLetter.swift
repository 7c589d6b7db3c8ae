/// The operator's letter to a person who asked what the federation holds on them (開示・訂正・
/// 利用停止の請求に対する回答): what was found — category, month, amount, which member shop's
/// record — and what each shop answered. Plain Japanese, polite, the operator as sender. Pure: the
/// caller gives everything, the person's name included (the operator holds it; it never leaves
/// the operator's directory).
public struct SubjectReplyLetter: Sendable, Hashable {
    /// One record found.
    public struct Finding: Sendable, Hashable {
        public var shop: String
        public var category: ReportCategory
        public var month: String
        public var amountYen: Int
        /// The shop's answer; nil when it has not answered.
        public var answer: ReviewAnswer?
        /// Where the record stands on the letter's day.
        public var standing: ReviewStanding

        public init(shop: String, category: ReportCategory, month: String, amountYen: Int, answer: ReviewAnswer?, standing: ReviewStanding) {
            self.shop = shop
            self.category = category
            self.month = month
            self.amountYen = amountYen
            self.answer = answer
            self.standing = standing
        }
    }

    public var federation: String
    public var personName: String?
    public var kind: SubjectRequestKind
    public var receivedOn: LocalDate
    public var deadline: LocalDate
    public var findings: [Finding]
    public var date: LocalDate

    public init(federation: String, personName: String?, kind: SubjectRequestKind, receivedOn: LocalDate, deadline: LocalDate,
                findings: [Finding], date: LocalDate) {
        self.federation = federation
        self.personName = personName
        self.kind = kind
        self.receivedOn = receivedOn
        self.deadline = deadline
        self.findings = findings
        self.date = date
    }

    static func japaneseDate(_ d: LocalDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    static func japaneseMonth(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return month }
        return "\(y)年\(m)月"
    }

    /// What the shop's answer means for the person.
    func outcome(_ f: Finding) -> String {
        guard let a = f.answer else {
            if case .overdue = f.standing {
                return "期限までに回答がなかったため、この記録は「係争中」として扱われ、照合の判断には用いられません。"
            }
            return "加盟店が確認中です (回答期限: \(Self.japaneseDate(Self.dateOf(f.standing) ?? deadline)))。"
        }
        switch a.answer {
        case .kept: return "加盟店は確認のうえ、この記録を維持すると回答しました。理由: \(a.reason)"
        case .corrected: return "加盟店はこの記録を訂正しました。訂正後の内容が共有されています。"
        case .withdrawn: return "加盟店はこの記録を取り下げました。今後、照合に用いられることはありません。"
        }
    }

    private static func dateOf(_ s: ReviewStanding) -> LocalDate? {
        if case .awaiting(let d) = s { return d }
        return nil
    }

    /// The letter as plain text.
    public var text: String {
        var out = ""
        out += "\(Self.japaneseDate(date))\n\n"
        out += "\(personName.map { "\($0) 様" } ?? "ご請求者 様")\n\n"
        out += "\(federation)\n運営者\n\n"
        out += "\(kind.label.ja)の請求に対する回答\n\n"
        out += "拝啓　時下ますますご清祥のこととお喜び申し上げます。\n"
        out += "\(Self.japaneseDate(receivedOn))にお受けした、当連合で共有されている情報の\(kind.label.ja)のご請求について、下記のとおり回答いたします。\n"
        out += "当連合の加盟店間では、お名前・ご住所・お電話番号などの値そのものは共有されず、照合用に変換した符号と、下記の項目のみが共有されています。\n"
        out += "ご不明な点や、この回答にご納得いただけない点がございましたら、当連合の運営者までお申し出ください。\n\n"
        out += "敬具\n\n"
        out += "記\n\n"
        if findings.isEmpty {
            out += "ご本人の情報と照合される記録は、当連合には見つかりませんでした。\n\n"
        } else {
            out += "ご本人の情報と照合される記録が \(findings.count) 件見つかりました。各記録を登録した加盟店に確認を依頼し、次のとおり回答を得ました。\n\n"
            for (i, f) in findings.enumerated() {
                out += "\(i + 1). 登録した加盟店: \(f.shop)\n"
                out += "   区分: \(f.category.label.ja)　発生年月: \(Self.japaneseMonth(f.month))　金額: \(LookupResult.yen(f.amountYen))\n"
                out += "   回答: \(outcome(f))\n\n"
            }
        }
        out += "以上\n"
        return out
    }
}
