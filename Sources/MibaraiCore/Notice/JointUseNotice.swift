/// The notice a federation's members publish (in their privacy policies) before they share
/// personal data with each other as joint users (個人情報保護法 第27条第5項第3号, 共同利用): the fact
/// of joint use, the items of personal data used jointly, the scope of the joint users, the purpose
/// of their use, and the name and address of the party responsible for its management (with its
/// representative's name, for a corporation). Built from the federation's own facts; rendered as
/// text (`JointUseNotice+Text.swift`) and HTML (`JointUseNotice+HTML.swift`).
public struct JointUseNotice: Sendable, Hashable {
    /// One joint user: a member as the operator's log admits it.
    public struct Member: Sendable, Hashable {
        public var name: String
        public var role: String
        public var region: String

        public init(name: String, role: String, region: String) {
            self.name = name
            self.role = role
            self.region = region
        }
    }

    /// The party responsible for managing the jointly used data (usually the operator).
    public struct ResponsibleParty: Sendable, Hashable {
        public var name: String
        public var address: String
        /// The representative's name, for a corporation; nil for an individual.
        public var representative: String?
        /// Where a person sends a request (開示・訂正・利用停止): an address, a mail address, a form.
        public var contact: String

        public init(name: String, address: String, representative: String?, contact: String) {
            self.name = name
            self.address = address
            self.representative = representative
            self.contact = contact
        }
    }

    /// The federation's name.
    public var federation: String
    public var responsible: ResponsibleParty
    /// The current members, sorted by name (revoked ones left out).
    public var members: [Member]
    /// The day the notice was made (西暦).
    public var asOf: LocalDate

    public init(federation: String, responsible: ResponsibleParty, members: [Member], asOf: LocalDate) {
        self.federation = federation
        self.responsible = responsible
        self.members = members.sorted { $0.name < $1.name }
        self.asOf = asOf
    }

    /// Each item of the notice: a heading and its paragraphs, in the order the law lists them.
    public var sections: [(heading: Localized, paragraphs: [Localized])] {
        let categories = ReportCategory.allCases.map(\.label)
        let memberList = members.isEmpty
            ? [Localized(ja: "(現在の参加者はいません)", en: "(no members at present)")]
            : members.map { Localized(ja: "\($0.name) (\($0.region)、\($0.role))", en: "\($0.name) (\($0.region), \($0.role))") }
        var responsibleLines = [
            Localized(ja: "名称: \(responsible.name)", en: "Name: \(responsible.name)"),
            Localized(ja: "住所: \(responsible.address)", en: "Address: \(responsible.address)"),
        ]
        if let r = responsible.representative {
            responsibleLines.append(Localized(ja: "代表者: \(r)", en: "Representative: \(r)"))
        }
        responsibleLines.append(Localized(ja: "お問い合わせ・開示等のご請求: \(responsible.contact)",
                                          en: "Enquiries and requests for disclosure, correction or cessation of use: \(responsible.contact)"))
        return [
            (Localized(ja: "共同利用について", en: "Joint use"), [
                Localized(
                    ja: "当店は、次のとおり、連合「\(federation)」の参加事業者と個人データを共同して利用します。当店の記録した氏名・住所などそのものは当店の外に出ず、参加事業者の間では、それらから作った元に戻せない照合用の符号 (鍵付きハッシュ) と、以下の最小限の情報だけをやり取りします。",
                    en: "This shop uses personal data jointly with the participants of the federation \"\(federation)\" as set out below. The names, addresses and other details a shop records never leave that shop; the participants exchange only irreversible matching codes (keyed hashes) made from them, and the minimal information listed below."
                ),
            ]),
            (Localized(ja: "共同して利用する個人データの項目", en: "Items of personal data used jointly"), [
                Localized(ja: "注文者・届け先の氏名、フリガナ、郵便番号・住所、電話番号、メールアドレスから作った照合用の符号", en: "matching codes made from the orderer's and recipient's name, kana reading, postal code and address, phone number and e-mail address"),
                Localized(ja: "被害の区分 (\(categories.map(\.ja).joined(separator: "・")))、金額、発生年月、状況 (未解決・支払済・和解済・係争中・取下げ)、保存期限", en: "the kind of loss (\(categories.map(\.en).joined(separator: ", "))), its amount, the month it occurred, its status (open, paid, settled, disputed, withdrawn) and its expiry"),
                Localized(ja: "報告した参加事業者の名称", en: "the name of the participant that reported it"),
            ]),
            (Localized(ja: "共同して利用する者の範囲", en: "Scope of the joint users"), [
                Localized(ja: "連合「\(federation)」の参加事業者 (\(asOf.description) 現在、以下の \(members.count) 者)。参加事業者の一覧は変わることがあり、最新の一覧は下記の責任者にお問い合わせください。", en: "The participants of the federation \"\(federation)\" (as of \(asOf.description), the \(members.count) below). The list changes; the party responsible below has the current one."),
            ] + memberList),
            (Localized(ja: "利用する者の利用目的", en: "Purpose of use"), [
                Localized(ja: "後払い・代金引換などの注文について、代金の未払い、受取拒否、不正なチャージバック、悪質なクレームによる被害を防ぐため、注文の受付・発送の前に照合すること、およびそれらの被害の回復 (督促・法的手続・捜査機関への相談) のため。", en: "To check orders before accepting or shipping them, so as to prevent losses from unpaid pay-later orders, refused cash-on-delivery parcels, fraudulent chargebacks and extortionate complaints, and to recover such losses (reminders, legal proceedings, reports to the police)."),
                Localized(ja: "照合の結果だけで取引をお断りすることはせず、確認のご連絡をすることがあります。完済・和解済・係争中の記録は、既定では判断に用いません。", en: "A match alone does not decide an order: the shop may call to confirm it. Records marked paid, settled or disputed do not count by default."),
            ]),
            (Localized(ja: "個人データの管理について責任を有する者", en: "Party responsible for managing the personal data"), responsibleLines),
            (Localized(ja: "ご本人からのご請求", en: "Requests from the person concerned"), [
                Localized(ja: "ご自身の情報が記録されているかの確認、誤りの訂正、利用の停止は、上記の責任者にご請求ください。記録した参加事業者に確認のうえ、お答えします。他人がご本人になりすまして注文した場合も、お知らせください。", en: "To ask whether you are recorded, to have an error corrected or use stopped, write to the responsible party above; it checks with the participant that made the record and answers you. Tell it too if someone ordered in your name."),
            ]),
        ]
    }
}
