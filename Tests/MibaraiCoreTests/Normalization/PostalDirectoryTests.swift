import MibaraiCore
import Testing

@Suite("Postal directory")
struct PostalDirectoryTests {
    static let small = """
        # comment
        M\t30381\t和歌山県\t日高郡美浜町
        M\t18442\t福井県\t三方郡美浜町
        A\t6440044\t30381\t和田\t
        A\t9191121\t18442\t和田\t
        A\t9191100\t18442\t\t
        P\t919\t18442\t美浜
        """

    @Test("a small table loads and answers by postal code")
    func smallTable() throws {
        let d = try PostalDirectory(tsv: Self.small)
        #expect(d.count == 3)
        #expect(d.places(postalCode: "6440044") == [
            PostalPlace(prefecture: "和歌山県", city: "日高郡美浜町", town: "和田", usesChome: false)
        ])
        #expect(d.places(postalCode: "9191100").first?.town == "")
        #expect(d.places(postalCode: "0000000").isEmpty)
        #expect(d.places(postalCode: "12345").isEmpty)
    }

    @Test("a malformed line is an error naming the line, not its content")
    func malformedLine() {
        let bad = Self.small + "\nA\t64400\t30381\t和田\t"
        #expect(throws: PostalDirectoryError.self) { try PostalDirectory(tsv: bad) }
        do {
            _ = try PostalDirectory(tsv: bad)
        } catch let e as PostalDirectoryError {
            #expect(e.message.contains("line 8"))
            #expect(!e.message.contains("和田"))
            #expect(e.messageJapanese.contains("8 行目"))
        } catch {
            Issue.record("unexpected error type")
        }
    }

    @Test("an area of an undefined municipality is an error")
    func unknownMunicipality() {
        #expect(throws: PostalDirectoryError.self) { try PostalDirectory(tsv: "A\t6440044\t99999\t和田\t") }
    }

    @Test("an unknown record kind is an error")
    func unknownKind() {
        #expect(throws: PostalDirectoryError.self) { try PostalDirectory(tsv: "X\t1\t2\t3") }
    }

    @Test("the bundled table loads, is cached, and knows 郡 names and wards")
    func bundled() throws {
        let d = try PostalDirectory.bundled()
        #expect(d.count > 100_000)
        #expect(try PostalDirectory.bundled().count == d.count)
        #expect(d.places(postalCode: "6440044").first?.city == "日高郡美浜町")
        #expect(d.places(postalCode: "4620832").first?.city == "名古屋市北区")
        #expect(d.places(postalCode: "0070849").first?.town == "北四十九条東")
        #expect(d.places(postalCode: "0070849").first?.usesChome == true)
    }
}
