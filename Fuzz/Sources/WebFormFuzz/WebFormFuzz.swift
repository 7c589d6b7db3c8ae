import Foundation
import FuzzSupport

// The web page's form bodies, as a browser (or anyone on this machine) sends them to
// `mibarai serve`: the first byte chooses the reader, the rest is the body.
//   even: `application/x-www-form-urlencoded` (`WebForm`), every field read back;
//   odd:  `multipart/form-data` (`MultipartForm`, the CSV upload) with the boundary given as the
//         first line (`Content-Type` parameter, read by `MultipartForm.boundary(contentType:)`).
// `Web/` links the page's own two readers, which need only Foundation, so the target does not
// build the HTTP stack.
// Property: no crash, no trap, no hang.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func webFormFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let mode = bytes.first else { return 0 }
    let body = Data(bytes.dropFirst())
    if mode % 2 == 0 {
        let form = WebForm(urlEncoded: String(decoding: body, as: UTF8.self))
        for name in form.values.keys { _ = form[name] }
    } else {
        let line = body.firstIndex(of: 0x0A) ?? body.endIndex
        let contentType = "multipart/form-data; " + String(decoding: body[body.startIndex..<line], as: UTF8.self)
        guard let boundary = MultipartForm.boundary(contentType: contentType) else { return 0 }
        let rest = line < body.endIndex ? Data(body[body.index(after: line)...]) : Data()
        if let form = MultipartForm(rest, boundary: boundary) {
            for part in form.parts { _ = form[part.name]?.data.count }
        }
    }
    return 0
}

/// Runs libFuzzer on ``webFormFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(webFormFuzz) }
}
