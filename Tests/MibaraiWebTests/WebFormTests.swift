import Foundation
import Testing
@testable import MibaraiWeb

@Suite("Form bodies")
struct WebFormTests {
    @Test func urlEncodedFieldsAreDecoded() {
        let form = WebForm(urlEncoded: "name=%E8%A6%8B%E6%9C%AC+%E8%8A%B1%E5%AD%90&amount=%C2%A512%2C800&empty=&flag&csrf=ab")
        #expect(form["name"] == "見本 花子")
        #expect(form["amount"] == "¥12,800")
        #expect(form["empty"] == nil && form["flag"] == nil, "an empty field reads as absent")
        #expect(form.values["empty"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func theLastValueOfANameWinsAndSpacesAreTrimmed() {
        let form = WebForm(urlEncoded: "kind=mail-sent&kind=payment&note=+%20hello%20+")
        #expect(form["kind"] == "payment")
        #expect(form["note"] == "hello")
    }

    @Test func brokenPercentEncodingDropsTheFieldOnly() {
        let form = WebForm(urlEncoded: "bad=%E3%81&%ZZ=1&good=1")
        #expect(form["bad"] == nil)
        #expect(form["good"] == "1")
    }
}

@Suite("Multipart bodies (the CSV upload)")
struct MultipartFormTests {
    static let boundary = "----WebKitFormBoundaryX3bY7"

    static func body(_ parts: [(head: String, data: Data)]) -> Data {
        var d = Data()
        for p in parts {
            d.append(Data("--\(boundary)\r\n\(p.head)\r\n\r\n".utf8))
            d.append(p.data)
            d.append(Data("\r\n".utf8))
        }
        d.append(Data("--\(boundary)--\r\n".utf8))
        return d
    }

    @Test func aBrowsersUploadIsRead() throws {
        let csv = Data([0x92, 0x8D, 0x95, 0xB6, 0x0D, 0x0A, 0x2D, 0x2D])  // Shift_JIS bytes, a CRLF and "--" inside the file
        let body = Self.body([
            ("Content-Disposition: form-data; name=\"csrf\"", Data("abc".utf8)),
            ("Content-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\nContent-Type: text/csv", csv),
        ])
        let boundary = try #require(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\(Self.boundary)"))
        let form = try #require(MultipartForm(body, boundary: boundary))
        #expect(form["csrf"]?.data == Data("abc".utf8))
        #expect(form["file"]?.filename == "orders.csv")
        #expect(form["file"]?.data == csv, "the file's bytes, exactly")
    }

    @Test func theBoundaryComesFromAMultipartTypeOnly() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"quoted b\"") == "quoted b")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test func aTruncatedOrNamelessBodyIsRefused() {
        let whole = Self.body([("Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"", Data("a,b".utf8))])
        #expect(MultipartForm(whole.prefix(whole.count - 12), boundary: Self.boundary) == nil)
        #expect(MultipartForm(Self.body([("Content-Type: text/plain", Data("x".utf8))]), boundary: Self.boundary) == nil)
        #expect(MultipartForm(Data("no boundary at all".utf8), boundary: Self.boundary) == nil)
    }

    @Test func filenameIsNotTakenForName() throws {
        let body = Self.body([("Content-Disposition: form-data; filename=\"x.csv\"; name=\"file\"", Data("1".utf8))])
        let form = try #require(MultipartForm(body, boundary: Self.boundary))
        #expect(form.parts.map(\.name) == ["file"])
    }
}
