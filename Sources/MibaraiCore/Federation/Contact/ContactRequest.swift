/// A `contact_request` (a sealed message's plaintext, kind 1): a shop that matched one of the
/// recipient's records asks it to get in touch. Holds the shop's own name and contact, never the
/// customer's data.
public struct ContactRequest: Sendable, Hashable {
    /// The recipient's publication that matched (the id the sender's lookup showed).
    public var publication: ReportID
    /// The sending shop's name, 1–64 bytes of UTF-8.
    public var shop: String
    /// How to reach the sending shop (its phone, its e-mail address), 1–128 bytes.
    public var contact: String
    /// A message, at most 1,000 bytes.
    public var text: String

    public init(publication: ReportID, shop: String, contact: String, text: String) {
        self.publication = publication
        self.shop = shop
        self.contact = contact
        self.text = text
    }
}
