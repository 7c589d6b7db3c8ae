import Crypto
import Foundation
import MibaraiCore
import MibaraiStore

/// Shops that work a repeat offender together (`Protocol/federation.md`, "Sealed messages"): from
/// a match, a shop asks the record's origin to get in touch; the origin answers with its contact
/// and, if it consents, its damage; the asking shop gathers the answers for a joint report. The
/// messages travel sealed to the recipient in the sender's log; no customer data is in them.
extension Node {
    /// A message another shop sent this one, opened with this node's sealing key. A message is
    /// named by its sender and its id together: ids are unique within one sender's log only.
    public struct ReceivedContact: Sendable {
        public var id: SealedMessageID
        /// The sender, as the log says (not as the message claims).
        public var from: NodeID
        public var fromName: String
        public var message: ContactMessage
        /// For a request: this shop's report behind the publication it names (nil if not held, or
        /// not looked for).
        public var report: Report?
        /// For a request: this shop's answer, if it wrote one.
        public var answer: AppDatabase.SentMessage?

        public init(id: SealedMessageID, from: NodeID, fromName: String, message: ContactMessage, report: Report? = nil,
                    answer: AppDatabase.SentMessage? = nil) {
            self.id = id
            self.from = from
            self.fromName = fromName
            self.message = message
            self.report = report
            self.answer = answer
        }

        /// An unanswered request.
        public var isWaiting: Bool {
            if case .request = message { answer == nil } else { false }
        }
    }

    /// This node in the federation: its id, the operator's log (members, their names and sealing
    /// keys, revocations) and its own sealing key.
    func federationParties() throws(NodeError) -> (me: NodeID, log: FederationLog, sealing: Curve25519.KeyAgreement.PrivateKey) {
        let files = NodeMembershipFiles(directory: directory.url)
        let (_, info) = try files.member()
        guard let op = NodeID(hex: info.operatorKey), let me = ownNodeID() else {
            throw .data(ja: "連合の鍵が読めません: \(directory.path)", en: "cannot read the federation keys in \(directory.path)")
        }
        return (me, try operatorLog(op), try files.keys().sealing)
    }

    /// The operator's log as this node holds it (members, names, roles, keys, revocations, policy).
    func operatorLog(_ op: NodeID) throws(NodeError) -> FederationLog {
        var log = FederationLog(operator: op)
        do {
            for bytes in try database.operatorEntries(op) { _ = try? log.append(encoded: bytes) }
        } catch { throw .store(error) }
        return log
    }

    /// The shop's own name and contact as a message carries them, from `[shop]`.
    func contactCard() throws(NodeError) -> (shop: String, contact: String) {
        let profile = try shopProfile()
        guard !profile.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .data(ja: "\(directory.path)/mibarai.toml の [shop] に name (店名) を書いてください。",
                        en: "add name (the shop's name) to [shop] in \(directory.path)/mibarai.toml.")
        }
        let contact = [profile.phone, profile.email].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " / ")
        guard !contact.isEmpty else {
            throw .data(ja: "\(directory.path)/mibarai.toml の [shop] に phone か email を書いてください (相手の店舗が連絡できるように)。",
                        en: "add phone or email to [shop] in \(directory.path)/mibarai.toml, so that the other shop can reach you.")
        }
        guard profile.name.utf8.count <= ContactMessage.maxShopBytes, contact.utf8.count <= ContactMessage.maxContactBytes else {
            throw .data(ja: "[shop] の name は \(ContactMessage.maxShopBytes) バイト、連絡先 (phone と email) は \(ContactMessage.maxContactBytes) バイトまでです。",
                        en: "[shop] name must be at most \(ContactMessage.maxShopBytes) bytes, and phone with email \(ContactMessage.maxContactBytes).")
        }
        return (profile.name, contact)
    }

    /// Why a message's text cannot be sent, or nil: at most 1,000 bytes, no e-mail address or
    /// phone number (the customer's data never travels; the shop's own contact is added for it).
    static func contactTextProblem(_ text: String) -> NodeError? {
        if text.utf8.count > ContactMessage.maxTextBytes {
            return .usage(ja: "メッセージが長すぎます (UTF-8 で \(ContactMessage.maxTextBytes) バイトまで)。",
                          en: "the message is too long (at most \(ContactMessage.maxTextBytes) bytes of UTF-8).")
        }
        if text.unicodeScalars.contains(where: { ContactMessage.isControl($0, lineFeedAllowed: true) }) {
            return .usage(ja: "メッセージに制御文字があります (改行のほかは使えません)。", en: "the message holds a control character (only line breaks are allowed).")
        }
        switch PersonalDataHint.find(in: text) {
        case .email:
            return .usage(ja: "メッセージにメールアドレスのようなものがあります。個人情報は書かないでください (当店の連絡先は自動で添えます)。",
                          en: "the message holds what looks like an e-mail address: no personal data (your shop's contact is added for you).")
        case .phone:
            return .usage(ja: "メッセージに電話番号のような数字の並びがあります。個人情報は書かないでください (当店の連絡先は自動で添えます)。",
                          en: "the message holds what looks like a phone number: no personal data (your shop's contact is added for you).")
        case nil:
            return nil
        }
    }

    /// Seals `message` to `recipient` and queues it; the running node signs it into its log.
    private func send(_ message: ContactMessage, to recipient: MemberAdmission, from me: NodeID, caseNumber: Int?) throws(NodeError) -> AppDatabase.SentMessage {
        let plaintext: [UInt8]
        do { plaintext = try message.paddedPlaintext() } catch {
            throw .usage(ja: "メッセージの内容が範囲外です: \(error.description)", en: "the message is out of range: \(error.description)")
        }
        let sealed: SealedMessage
        do { sealed = try SealedMessage.seal(message, from: me, to: recipient.member, sealingKey: recipient.sealingKey) } catch {
            throw .data(ja: "\(recipient.name) の封緘鍵が不正で、封緘できません。運営者に連絡してください。",
                        en: "the sealing key of \(recipient.name) is malformed: the message cannot be sealed. Tell the operator.")
        }
        var inReplyTo: SealedMessageID?
        if case .answer(let a) = message { inReplyTo = a.inReplyTo }
        let queued: Bool
        do { queued = try database.queue(sealed, plaintext: plaintext, toName: recipient.name, on: today, caseNumber: caseNumber, inReplyTo: inReplyTo) } catch { throw .store(error) }
        guard queued else { throw .usage(ja: "この依頼にはもう回答しています。", en: "this request has been answered already.") }
        return AppDatabase.SentMessage(id: sealed.id, recipient: recipient.member, recipientName: recipient.name, writtenOn: today.description,
                                       message: message, caseNumber: caseNumber, published: false)
    }

    /// Asks the origin of another shop's record (by the publication id a lookup showed) to get in
    /// touch, with this shop's name and contact and `text`; `caseNumber` ties the answers to one
    /// of this shop's cases for ``jointDamage(forCase:)``.
    public func writeContactRequest(about publicationText: String, caseNumber: Int?, text: String) throws(NodeError) -> AppDatabase.SentMessage {
        guard let publication = ReportID(hex: publicationText.trimmingCharacters(in: .whitespaces)) else {
            throw .usage(ja: "報告IDは 32 桁の16進数です (照合結果の ID): \(publicationText)", en: "a report id is 32 hex digits (the id a lookup shows): \(publicationText)")
        }
        if let problem = Self.contactTextProblem(text) { throw problem }
        if let caseNumber { _ = try findCase(caseNumber) }
        let (me, log, _) = try federationParties()
        try Self.requireAdmitted(me, in: log)
        let origin: String?
        do { origin = try database.recordOrigin(publication: publication) } catch { throw .store(error) }
        guard let origin else {
            throw .noInput(ja: "この報告はこのノードにありません: \(publication)", en: "this node holds no record \(publication)")
        }
        let named = log.members.values.filter { $0.name == origin && log.revocations[$0.member] == nil }
        guard named.count <= 1 else {
            throw .data(ja: "連合に \(origin) という名前の加盟店が複数あり、宛先を決められません。運営者に連絡してください。",
                        en: "several members of the federation are named \(origin): the addressee is unclear. Tell the operator.")
        }
        guard let member = named.first else {
            throw .noInput(ja: "報告元の店舗 \(origin) は連合の加盟店ではありません (脱退したか、除名されました)。",
                           en: "the record's origin \(origin) is not a member of the federation (it left or was revoked).")
        }
        guard member.member != me else {
            throw .usage(ja: "この報告は当店のものです。", en: "this record is your own shop's.")
        }
        let card = try contactCard()
        return try send(.request(ContactRequest(publication: publication, shop: card.shop, contact: card.contact, text: text)),
                        to: member, from: me, caseNumber: caseNumber)
    }

    /// The messages addressed to this shop (opened) and those it wrote. `reports`: look up this
    /// shop's report behind each unanswered request (a pass over its reports; the home page, which
    /// only counts, does without).
    public func contacts(reports resolving: Bool = true) throws(NodeError) -> (received: [ReceivedContact], sent: [AppDatabase.SentMessage]) {
        guard NodeMembershipFiles(directory: directory.url).isMember else { return ([], []) }
        return try contacts(parties: try federationParties(), reports: resolving)
    }

    /// What waits for this shop's answer: the operator's review requests naming its reports and
    /// other shops' contact requests (the home page and `node show` say so).
    public func requestsAwaitingAnswer() throws(NodeError) -> (reviews: Int, contacts: Int) {
        (try reviews().filter { $0.answer == nil }.count, try contactRequestsWaiting())
    }

    /// Other shops' contact requests this shop has not answered.
    public func contactRequestsWaiting() throws(NodeError) -> Int {
        try contacts(reports: false).received.filter(\.isWaiting).count
    }

    private func contacts(parties: (me: NodeID, log: FederationLog, sealing: Curve25519.KeyAgreement.PrivateKey),
                          reports resolving: Bool) throws(NodeError) -> (received: [ReceivedContact], sent: [AppDatabase.SentMessage]) {
        let (me, log, sealing) = parties
        let held: [AppDatabase.HeldMessage]
        let sent: [AppDatabase.SentMessage]
        do {
            held = try database.sealedMessages(to: me)
            sent = try database.sentMessages(me: me)
        } catch { throw .store(error) }
        var received = held.compactMap { h in
            h.message.open(from: h.origin, as: me, sealingKey: sealing).map { message in
                ReceivedContact(id: h.message.id, from: h.origin, fromName: log.name(of: h.origin), message: message)
            }
        }
        for i in received.indices {
            let r = received[i]
            guard case .request = r.message else { continue }
            // This shop's answer to that sender's request (ids are unique per sender only).
            received[i].answer = sent.first { s in
                if case .answer(let a) = s.message { s.recipient == r.from && a.inReplyTo == r.id } else { false }
            }
        }
        let wanted = Set(received.compactMap { r in if r.isWaiting, case .request(let q) = r.message { q.publication } else { nil } })
        if resolving, !wanted.isEmpty {
            let reports = try publicationIndex(wanted)
            for i in received.indices where received[i].isWaiting {
                if case .request(let q) = received[i].message { received[i].report = reports[q.publication] }
            }
        }
        return (received, sent)
    }

    /// Answers a contact request: `shares` gives this shop's contact and its damage on the record
    /// the request names (the report's amount, what was paid, its day, and the ladder of the case
    /// opened from it, if any: none for a report withdrawn or no longer held); `declines` gives
    /// nothing. One answer per request. `from` (the sender's member name) picks the request when
    /// two senders used the same id.
    public func answerContactRequest(_ idText: String, from sender: String? = nil, answer: ContactAnswerKind,
                                     text: String) throws(NodeError) -> AppDatabase.SentMessage {
        guard let id = SealedMessageID(hex: idText.trimmingCharacters(in: .whitespaces)) else {
            throw .usage(ja: "依頼IDは 32 桁の16進数です: \(idText)", en: "a request id is 32 hex digits: \(idText)")
        }
        if let problem = Self.contactTextProblem(text) { throw problem }
        let parties = try federationParties()
        let (me, log, _) = parties
        try Self.requireAdmitted(me, in: log)
        let candidates = try contacts(parties: parties, reports: true).received.filter { r in
            guard r.id == id, case .request = r.message else { return false }
            return sender.map { r.fromName == $0 || r.from.description == $0 } ?? true
        }
        guard candidates.count <= 1 else {
            let names = candidates.map(\.fromName).joined(separator: ", ")
            throw .usage(ja: "この依頼IDは複数の店舗 (\(names)) から届いています。--from で店舗を指定してください。",
                         en: "requests from several shops (\(names)) carry this id: name the sender with --from.")
        }
        guard let found = candidates.first, case .request(let request) = found.message else {
            throw .noInput(ja: "この連絡依頼は届いていません: \(id)", en: "no contact request \(id) has reached this node")
        }
        if found.answer != nil {
            throw .usage(ja: "この依頼にはもう回答しています。", en: "this request has been answered already.")
        }
        guard let recipient = log.members[found.from], log.revocations[found.from] == nil else {
            throw .noInput(ja: "依頼元の店舗は連合の加盟店ではなくなりました。", en: "the asking shop is no longer a member of the federation.")
        }
        var reply = ContactAnswer(inReplyTo: id, answer: answer, text: text)
        if answer == .shares {
            let card = try contactCard()
            reply.shop = card.shop
            reply.contact = card.contact
            if let report = found.report, report.status != .withdrawn {
                reply.damage = [try damage(of: report, publication: request.publication)]
            }
        }
        return try send(.answer(reply), to: recipient, from: me, caseNumber: nil)
    }

    /// Refuses to write when this node could not sign the message: not admitted, or revoked.
    static func requireAdmitted(_ me: NodeID, in log: FederationLog) throws(NodeError) {
        guard log.members[me] != nil, log.revocations[me] == nil else {
            throw .noInput(ja: "このノードは連合に加盟していないか除名されているため、メッセージを送れません (運営者のログをまだ受け取っていなければ、serve を起動して同期してください)。",
                           en: "this node is not an admitted member (or was revoked): it cannot send a message (if it has not received the operator's log yet, start serve and let it sync).")
        }
    }

    /// A report's damage as it is shared: from the case opened from it when there is one.
    func damage(of report: Report, publication: ReportID) throws(NodeError) -> SharedDamage {
        if let c = try cases(includeClosed: true).first(where: { $0.reportID == report.id }) {
            return SharedDamage(case: c, publication: publication, category: report.category, incident: report.incidentDate)
        }
        let paid = report.status == .paid || report.status == .settled
        return SharedDamage(publication: publication, category: report.category, amountYen: report.amountYen,
                            paidYen: paid ? report.amountYen : 0, incident: report.incidentDate)
    }

    /// This shop's case and the damage other shops shared in answer to the contact requests
    /// written for it (`writeContactRequest(…, caseNumber:)`).
    public func jointDamage(forCase number: Int) throws(NodeError) -> JointDamage {
        let c = try findCase(number)
        let card = try contactCard()
        var report: Report?
        if let id = c.reportID { do { report = try database.report(id) } catch { throw .store(error) } }
        let own = SharedDamage(case: c, publication: c.reportID ?? ReportID(validBytes: [UInt8](repeating: 0, count: 16)),
                               category: report?.category ?? (c.isRefusedDelivery ? .codRefusal : .nonPayment), incident: report?.incidentDate)
        let (received, sent) = try contacts(reports: false)
        let shops = [JointDamage.Shop(name: card.shop, contact: card.contact, damage: [own], isThisShop: true)]
            + Self.sharedAnswers(received: received, sent: sent, forCase: number)
        return JointDamage(caseNumber: number, preparedOn: today, shops: shops)
    }

    /// The shops that shared their damage in answer to this shop's requests for a case: only an
    /// answer from the member the request was sent to (an id and a claimed shop name are easy to
    /// copy; the log's sender is not), the first per request; named by what they say and, in
    /// brackets, by their name in the federation.
    public static func sharedAnswers(received: [ReceivedContact], sent: [AppDatabase.SentMessage], forCase number: Int) -> [JointDamage.Shop] {
        var shops: [JointDamage.Shop] = []
        for request in sent where request.caseNumber == number && request.message.kind == .contactRequest {
            let answer = received.first { r in
                if case .answer(let a) = r.message { r.from == request.recipient && a.inReplyTo == request.id } else { false }
            }
            guard let answer, case .answer(let a) = answer.message, a.answer == .shares else { continue }
            shops.append(JointDamage.Shop(name: "\(a.shop) (\(answer.fromName))", contact: a.contact, damage: a.damage, isThisShop: false))
        }
        return shops
    }
}
