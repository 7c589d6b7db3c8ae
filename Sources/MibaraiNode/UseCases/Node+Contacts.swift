import Crypto
import Foundation
import MibaraiCore
import MibaraiStore

/// Shops that work a repeat offender together (`Protocol/federation.md`, "Sealed messages"): from
/// a match, a shop asks the record's origin to get in touch; the origin answers with its contact
/// and, if it consents, its damage; the asking shop gathers the answers for a joint report. The
/// messages travel sealed to the recipient in the sender's log; no customer data is in them.
extension Node {
    /// A message another shop sent this one, opened with this node's sealing key.
    public struct ReceivedContact: Sendable {
        public var id: SealedMessageID
        public var fromName: String
        public var message: ContactMessage
        /// For a request: this shop's report behind the publication it names (nil if not held).
        public var report: Report?
        /// For a request: this shop's answer, if it wrote one.
        public var answer: AppDatabase.SentMessage?
    }

    /// This node in the federation: its id, the operator's log (members, their names and sealing
    /// keys, revocations) and its own sealing key.
    func federationParties() throws(NodeError) -> (me: NodeID, log: FederationLog, sealing: Curve25519.KeyAgreement.PrivateKey) {
        let files = NodeMembershipFiles(directory: directory.url)
        let (_, info) = try files.member()
        guard let op = NodeID(hex: info.operatorKey), let me = ownNodeID() else {
            throw .data(ja: "連合の鍵が読めません: \(directory.path)", en: "cannot read the federation keys in \(directory.path)")
        }
        var log = FederationLog(operator: op)
        do {
            for bytes in try database.operatorEntries(op) { _ = try? log.append(encoded: bytes) }
        } catch { throw .store(error) }
        return (me, log, try files.keys().sealing)
    }

    /// The shop's own name and contact as a message carries them, from `[shop]`.
    func contactCard() throws(NodeError) -> (shop: String, contact: String) {
        let profile = try shopProfile()
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
        let sealed: SealedMessage
        let plaintext: [UInt8]
        do {
            plaintext = try message.paddedPlaintext()
            sealed = try SealedMessage.seal(message, from: me, to: recipient.member, sealingKey: recipient.sealingKey)
        } catch {
            throw .data(ja: "メッセージを封緘できません。", en: "the message cannot be sealed.")
        }
        do { try database.queue(sealed, plaintext: plaintext, toName: recipient.name, on: today, caseNumber: caseNumber) } catch { throw .store(error) }
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
        let origin: String?
        do { origin = try database.recordOrigin(publication: publication) } catch { throw .store(error) }
        guard let origin else {
            throw .noInput(ja: "この報告はこのノードにありません: \(publication)", en: "this node holds no record \(publication)")
        }
        guard let member = log.members.values.first(where: { $0.name == origin && log.revocations[$0.member] == nil }) else {
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

    /// The messages addressed to this shop (opened) and those it wrote.
    public func contacts() throws(NodeError) -> (received: [ReceivedContact], sent: [AppDatabase.SentMessage]) {
        guard NodeMembershipFiles(directory: directory.url).isMember else { return ([], []) }
        let (me, log, sealing) = try federationParties()
        let held: [AppDatabase.HeldMessage]
        let sent: [AppDatabase.SentMessage]
        do {
            held = try database.sealedMessages(to: me)
            sent = try database.sentMessages(me: me)
        } catch { throw .store(error) }
        let opened = held.compactMap { h in h.message.open(from: h.origin, as: me, sealingKey: sealing).map { (h, $0) } }
        let wanted = Set(opened.compactMap { if case .request(let r) = $0.1 { r.publication } else { nil } })
        let reports = wanted.isEmpty ? [:] : try publicationIndex(wanted)
        let received = opened.map { h, message in
            var report: Report?
            var answer: AppDatabase.SentMessage?
            if case .request(let r) = message {
                report = reports[r.publication]
                answer = sent.first { if case .answer(let a) = $0.message { a.inReplyTo == h.message.id } else { false } }
            }
            return ReceivedContact(id: h.message.id, fromName: log.name(of: h.origin), message: message, report: report, answer: answer)
        }
        return (received, sent)
    }

    /// Answers a contact request: `shares` gives this shop's contact and its damage on the record
    /// the request names (the report's amount, what was paid, its day, and the ladder of the case
    /// opened from it, if any); `declines` gives nothing. One answer per request.
    public func answerContactRequest(_ idText: String, answer: ContactAnswerKind, text: String) throws(NodeError) -> AppDatabase.SentMessage {
        guard let id = SealedMessageID(hex: idText.trimmingCharacters(in: .whitespaces)) else {
            throw .usage(ja: "依頼IDは 32 桁の16進数です: \(idText)", en: "a request id is 32 hex digits: \(idText)")
        }
        if let problem = Self.contactTextProblem(text) { throw problem }
        let found = try contacts().received.first { $0.id == id }
        guard let found, case .request(let request) = found.message else {
            throw .noInput(ja: "この連絡依頼は届いていません: \(id)", en: "no contact request \(id) has reached this node")
        }
        if found.answer != nil {
            throw .usage(ja: "この依頼にはもう回答しています。", en: "this request has been answered already.")
        }
        let (me, log, _) = try federationParties()
        guard let sender = log.members.values.first(where: { $0.name == found.fromName && log.revocations[$0.member] == nil }) else {
            throw .noInput(ja: "依頼元の店舗は連合の加盟店ではなくなりました。", en: "the asking shop is no longer a member of the federation.")
        }
        var reply = ContactAnswer(inReplyTo: id, answer: answer, text: text)
        if answer == .shares {
            let card = try contactCard()
            reply.shop = card.shop
            reply.contact = card.contact
            if let report = found.report { reply.damage = [try damage(of: report, publication: request.publication)] }
        }
        return try send(.answer(reply), to: sender, from: me, caseNumber: nil)
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
        var shops = [JointDamage.Shop(name: card.shop, contact: card.contact, damage: [own], isThisShop: true)]
        let (received, sent) = try contacts()
        let asked = Set(sent.filter { $0.caseNumber == number }.map(\.id))
        for r in received {
            guard case .answer(let a) = r.message, asked.contains(a.inReplyTo), a.answer == .shares else { continue }
            shops.append(JointDamage.Shop(name: a.shop, contact: a.contact, damage: a.damage, isThisShop: false))
        }
        return JointDamage(caseNumber: number, preparedOn: today, shops: shops)
    }
}
