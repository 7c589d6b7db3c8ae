import MibaraiCore
import Testing

@Suite("EmailNormalizer")
struct EmailNormalizerTests {
    @Test("forms of one mailbox meet", arguments: [
        ["sora.kimura@gmail.com", "Sora.Kimura@Gmail.com", "sorakimura@gmail.com", "s.o.r.a.kimura+shop@gmail.com",
         "sorakimura+2024@googlemail.com", "ｓｏｒａ．ｋｉｍｕｒａ＠ｇｍａｉｌ．ｃｏｍ", " sora.kimura＠gmail.com\u{3000}"],
        ["sora..kimura@docomo.ne.jp", "Sora..Kimura@Docomo.ne.jp", "ｓｏｒａ．．ｋｉｍｕｒａ＠ｄｏｃｏｍｏ．ｎｅ．ｊｐ"],
    ])
    func formsMeet(_ forms: [String]) {
        let out = Set(forms.map { EmailNormalizer.normalize($0) })
        #expect(out.count == 1)
        #expect(!out.contains(nil))
    }

    @Test("different mailboxes stay apart", arguments: [
        ("sora.kimura@docomo.ne.jp", "sorakimura@docomo.ne.jp"),
        ("sora..kimura@docomo.ne.jp", "sora.kimura@docomo.ne.jp"),
        ("sorakimura.@ezweb.ne.jp", "sorakimura@ezweb.ne.jp"),
        ("sora.kimura@i.softbank.jp", "sorakimura@i.softbank.jp"),
        ("sora.kimura@icloud.com", "sorakimura@icloud.com"),
        ("sora+a@yahoo.co.jp", "sora@yahoo.co.jp"),
        ("sorakimura@gmail.com", "sorakimura@yahoo.co.jp"),
        ("sorakimura1@gmail.com", "sorakimura2@gmail.com"),
    ])
    func differentMailboxes(_ a: String, _ b: String) {
        let x = EmailNormalizer.normalize(a), y = EmailNormalizer.normalize(b)
        #expect(x != nil)
        #expect(x != y)
    }

    @Test("not an address", arguments: [
        "", "sora", "sora@", "@gmail.com", "sora@gmail", "sora@@gmail.com", "sora@gmail..com",
        "sora@-gmail.com", "sora@127.0.0.1", "そら@gmail.com", "so\"ra@gmail.com", "...@gmail.com",
    ])
    func notAnAddress(_ raw: String) {
        #expect(EmailNormalizer.normalize(raw) == nil)
    }
}
