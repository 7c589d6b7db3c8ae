import Foundation

/// The rules for a `kept` answer's reason, which every node and the person read: short, and no
/// personal data. A node cannot tell personal data from other text; it refuses what plainly looks
/// like a phone number or an e-mail address, the identifiers a shop is most likely to paste.
extension ReviewAnswer {
    /// Why `reason` cannot be sent, or nil.
    public static func reasonProblem(_ reason: String) -> Localized? {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            return Localized(ja: "維持する理由を書いてください (個人情報は書かないでください)。", en: "give the reason for keeping the record (no personal data).")
        }
        if text.utf8.count > maxReasonBytes {
            return Localized(ja: "理由が長すぎます (UTF-8 で \(maxReasonBytes) バイトまで)。", en: "the reason is too long (at most \(maxReasonBytes) bytes of UTF-8).")
        }
        switch PersonalDataHint.find(in: text) {
        case .email:
            return Localized(ja: "理由にメールアドレスのようなものがあります。個人情報は書かないでください。", en: "the reason holds what looks like an e-mail address: no personal data, please.")
        case .phone:
            return Localized(ja: "理由に電話番号のような数字の並びがあります。個人情報は書かないでください。", en: "the reason holds what looks like a phone number: no personal data, please.")
        case nil:
            break
        }
        return nil
    }
}
