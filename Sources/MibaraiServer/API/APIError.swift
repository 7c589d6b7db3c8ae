import MibaraiCore

/// An error of the HTTP API: a status and a message in both languages (never an identity value),
/// sent as `{"error": {"code": …, "ja": …, "en": …}}`.
public struct APIError: Error, Sendable {
    private enum Kind: Sendable {
        case badRequest, unauthorized, tooLarge, notFound, internalError, forbidden, methodNotAllowed, unsupportedMediaType, tooManyRequests
    }

    private let kind: Kind
    public let message: Localized

    private init(_ kind: Kind, _ message: Localized) {
        self.kind = kind
        self.message = message
    }

    public static func badRequest(ja: String, en: String) -> APIError { APIError(.badRequest, Localized(ja: ja, en: en)) }
    /// 429: a hub's lookup over the member's quota (`Protocol/hub-api.md`).
    public static func tooManyRequests(_ message: Localized) -> APIError { APIError(.tooManyRequests, message) }
    public static let unauthorized = APIError(.unauthorized, Localized(
        ja: "認証が必要です (Authorization: Bearer <api-token>)。", en: "authentication required (Authorization: Bearer <api-token>)."))
    public static let tooLarge = APIError(.tooLarge, Localized(ja: "リクエストが大きすぎます (1 MiB まで)。", en: "request body too large (1 MiB at most)."))
    /// 413 at a hub's lookup endpoint (`HubEndpoints.maxLookupBytes`).
    public static let lookupTooLarge = APIError(.tooLarge, Localized(ja: "照会が大きすぎます (8 MiB まで、1,000 件ずつ送ってください)。",
                                                                    en: "lookup request too large (8 MiB at most: send 1,000 queries at a time)."))
    public static let notFound = APIError(.notFound, Localized(ja: "そのパスはありません。", en: "no such path."))
    public static let methodNotAllowed = APIError(.methodNotAllowed, Localized(
        ja: "このパスはそのメソッドを受け付けません (Allow ヘッダーを参照)。", en: "this path does not take that method (see the Allow header)."))
    public static let unsupportedMediaType = APIError(.unsupportedMediaType, Localized(
        ja: "本文は JSON で送ってください (Content-Type: application/json)。", en: "send the body as JSON (Content-Type: application/json)."))
    public static let forbidden = APIError(.forbidden, Localized(
        ja: "連合の参加者の証明書が必要です。", en: "a federation member's certificate is required."))
    public static let internalError = APIError(.internalError, Localized(ja: "サーバー内部のエラーです。", en: "internal server error."))

    public var status: Int {
        switch kind {
        case .badRequest: 400
        case .unauthorized: 401
        case .tooLarge: 413
        case .notFound: 404
        case .internalError: 500
        case .forbidden: 403
        case .methodNotAllowed: 405
        case .unsupportedMediaType: 415
        case .tooManyRequests: 429
        }
    }

    public var code: String {
        switch kind {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .tooLarge: "too_large"
        case .notFound: "not_found"
        case .internalError: "internal"
        case .forbidden: "forbidden"
        case .methodNotAllowed: "method_not_allowed"
        case .unsupportedMediaType: "unsupported_media_type"
        case .tooManyRequests: "over_quota"
        }
    }
}
