import MibaraiCore

/// Realistic synthetic Japanese identities from a fixed seed: person `i` is always the same, and
/// can be made on its own. Two forms:
/// - `raw(_:)`: as a shop's customer typed it (full-width digits, 〒, spaces, hiragana or katakana,
///   varied phone typings), the input of the normalise + blind benchmark;
/// - `normalized(_:)`: a canonical form made directly (not by `Normalizer`), the source of stored
///   records and lookup queries, so the store benchmark does not depend on the normaliser.
///
/// Values are never printed.
struct SyntheticIdentities {
    let seed: UInt64

    /// One person, before any typing variation.
    struct Person {
        var family: (kanji: String, kana: String, romaji: String)
        var given: (kanji: String, kana: String, romaji: String)
        var place: Place
        var chome: Int, banchi: Int, go: Int
        var building: String?
        var room: Int?
        var postOfficeHold: Bool
        var phoneDigits: String?  // national, e.g. 09012345678
        var emailLocal: String?
        var emailDomain: String
    }

    struct Place {
        let pref: String, city: String, town: String, postal: String
    }

    static let families: [(String, String, String)] = [
        ("佐藤", "サトウ", "sato"), ("鈴木", "スズキ", "suzuki"), ("高橋", "タカハシ", "takahashi"),
        ("田中", "タナカ", "tanaka"), ("伊藤", "イトウ", "ito"), ("渡辺", "ワタナベ", "watanabe"),
        ("山本", "ヤマモト", "yamamoto"), ("中村", "ナカムラ", "nakamura"), ("小林", "コバヤシ", "kobayashi"),
        ("加藤", "カトウ", "kato"), ("吉田", "ヨシダ", "yoshida"), ("山田", "ヤマダ", "yamada"),
        ("佐々木", "ササキ", "sasaki"), ("山口", "ヤマグチ", "yamaguchi"), ("松本", "マツモト", "matsumoto"),
        ("井上", "イノウエ", "inoue"), ("木村", "キムラ", "kimura"), ("林", "ハヤシ", "hayashi"),
        ("斎藤", "サイトウ", "saito"), ("清水", "シミズ", "shimizu"), ("山崎", "ヤマザキ", "yamazaki"),
        ("森", "モリ", "mori"), ("池田", "イケダ", "ikeda"), ("橋本", "ハシモト", "hashimoto"),
        ("阿部", "アベ", "abe"), ("石川", "イシカワ", "ishikawa"), ("渡邉", "ワタナベ", "watanabe"),
        ("髙橋", "タカハシ", "takahashi"), ("齋藤", "サイトウ", "saito"), ("長谷川", "ハセガワ", "hasegawa"),
        ("藤田", "フジタ", "fujita"), ("後藤", "ゴトウ", "goto"), ("岡田", "オカダ", "okada"),
        ("近藤", "コンドウ", "kondo"), ("村上", "ムラカミ", "murakami"), ("遠藤", "エンドウ", "endo"),
    ]

    static let givens: [(String, String, String)] = [
        ("一郎", "イチロウ", "ichiro"), ("花子", "ハナコ", "hanako"), ("翔太", "ショウタ", "shota"),
        ("美咲", "ミサキ", "misaki"), ("大輔", "ダイスケ", "daisuke"), ("陽菜", "ヒナ", "hina"),
        ("健太", "ケンタ", "kenta"), ("さくら", "サクラ", "sakura"), ("拓也", "タクヤ", "takuya"),
        ("由美", "ユミ", "yumi"), ("直樹", "ナオキ", "naoki"), ("愛", "アイ", "ai"),
        ("一哉", "カズヤ", "kazuya"), ("恵子", "ケイコ", "keiko"), ("隆", "タカシ", "takashi"),
        ("結衣", "ユイ", "yui"), ("浩二", "コウジ", "koji"), ("真由美", "マユミ", "mayumi"),
        ("蓮", "レン", "ren"), ("陽翔", "ハルト", "haruto"), ("葵", "アオイ", "aoi"),
        ("誠", "マコト", "makoto"), ("裕子", "ユウコ", "yuko"), ("修", "オサム", "osamu"),
    ]

    static let places: [Place] = [
        Place(pref: "東京都", city: "江東区", town: "古石場", postal: "1350045"),
        Place(pref: "東京都", city: "世田谷区", town: "三軒茶屋", postal: "1540024"),
        Place(pref: "東京都", city: "新宿区", town: "西新宿", postal: "1600023"),
        Place(pref: "大阪府", city: "大阪市北区", town: "梅田", postal: "5300001"),
        Place(pref: "大阪府", city: "堺市堺区", town: "南瓦町", postal: "5900078"),
        Place(pref: "北海道", city: "札幌市中央区", town: "北一条西", postal: "0600001"),
        Place(pref: "愛知県", city: "名古屋市中村区", town: "名駅", postal: "4500002"),
        Place(pref: "福岡県", city: "福岡市博多区", town: "博多駅前", postal: "8120011"),
        Place(pref: "神奈川県", city: "横浜市西区", town: "みなとみらい", postal: "2200012"),
        Place(pref: "京都府", city: "京都市下京区", town: "東塩小路町", postal: "6008216"),
        Place(pref: "宮城県", city: "仙台市青葉区", town: "中央", postal: "9800021"),
        Place(pref: "広島県", city: "広島市中区", town: "紙屋町", postal: "7300031"),
        Place(pref: "埼玉県", city: "さいたま市大宮区", town: "桜木町", postal: "3300854"),
        Place(pref: "千葉県", city: "千葉市中央区", town: "富士見", postal: "2600015"),
        Place(pref: "兵庫県", city: "神戸市中央区", town: "三宮町", postal: "6500021"),
        Place(pref: "沖縄県", city: "那覇市", town: "久茂地", postal: "9000015"),
        Place(pref: "新潟県", city: "新潟市中央区", town: "万代", postal: "9500088"),
        Place(pref: "静岡県", city: "静岡市葵区", town: "紺屋町", postal: "4200852"),
        Place(pref: "高知県", city: "四万十市", town: "具同田黒", postal: "7870051"),
        Place(pref: "長野県", city: "松本市", town: "中央", postal: "3900811"),
    ]

    static let towns = [
        "本町", "中町", "栄町", "緑町", "旭町", "東町", "西町", "南町", "北町", "幸町", "若葉", "青葉台", "桜ヶ丘",
        "富士見", "日の出町", "大和町", "松原", "宮前", "高田", "新町", "元町", "錦町", "寿町", "末広町", "住吉町",
        "春日", "弥生町", "平和町", "昭和町", "大手町", "八幡町", "天神", "白山", "明神町", "千代田", "泉町",
        "城山", "山手町", "港町", "浜町", "中央", "駅前", "清水町", "相生町", "朝日町", "東雲", "花園", "美園",
        "双葉町", "常盤町",
    ]
    static let buildings = ["マンション", "ハイツ", "コーポ", "レジデンス", "メゾン", "シティ", "荘", "パレス"]
    static let buildingNames = ["緑", "桜", "日の出", "グリーン", "サン", "富士", "青葉", "ひかり", "城北", "リバー"]
    static let domains = ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "icloud.com", "outlook.jp", "softbank.ne.jp"]
    static let kanjiDigits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    // MARK: person

    func person(_ index: Int) -> Person {
        var r = SplitMix64(seed: seed, stream: 1, index: UInt64(index))
        let f = r.pick(Self.families), g = r.pick(Self.givens)
        var place = r.pick(Self.places)
        if r.chance(0.8) {  // a town elsewhere in the city: the address space must be large, like Japan's
            place = Place(pref: place.pref, city: place.city, town: r.pick(Self.towns), postal: place.postal)
        }
        let hold = r.chance(0.01)
        var building: String?
        var room: Int?
        if !hold, r.chance(0.6) {
            let b = r.pick(Self.buildings)
            building = b == "荘" ? r.pick(Self.buildingNames) + b : r.pick(Self.buildingNames) + b
            room = (1 + r.below(15)) * 100 + 1 + r.below(12)
        }
        var phone: String?
        if r.chance(0.92) {
            if r.chance(0.8) {
                phone = r.pick(["090", "080", "070"]) + Self.digits(r.below(100_000_000), width: 8)
            } else {
                phone = r.pick(["03", "06", "052", "011", "092", "0889"])
                phone! += Self.digits(r.below(Self.pow10(10 - phone!.count)), width: 10 - phone!.count)
            }
        }
        var local: String?
        if r.chance(0.8) {
            local = switch r.below(4) {
            case 0: f.2 + "." + g.2 + String(r.below(10_000))
            case 1: g.2 + String(r.below(100_000))
            case 2: f.2 + "-" + String(r.below(100_000))
            default: g.2 + "_" + f.2 + String(1950 + r.below(60)) + String(r.below(100))
            }
        }
        return Person(
            family: f, given: g, place: place, chome: 1 + r.below(9), banchi: 1 + r.below(60), go: 1 + r.below(40),
            building: building, room: room, postOfficeHold: hold, phoneDigits: phone, emailLocal: local,
            emailDomain: r.pick(Self.domains)
        )
    }

    // MARK: raw, as typed

    /// Person `index` as typed into an order form, with typing variation drawn from `variant`.
    func raw(_ index: Int, variant: Int = 0) -> Identity {
        let p = person(index)
        var r = SplitMix64(seed: seed, stream: 2, index: UInt64(index) &* 31 &+ UInt64(variant))
        let wide = r.chance(0.25)  // full-width digits throughout the address
        let space = r.pick([" ", "　", "", " "])

        var name = p.family.kanji + space + p.given.kanji
        if r.chance(0.05) { name = " " + name + " " }
        var kana: String? = p.family.kana + r.pick([" ", "　", ""]) + p.given.kana
        if r.chance(0.3) { kana = Self.hiragana(kana!) }
        if r.chance(0.1) { kana = nil }

        var postal: String? = switch r.below(6) {
        case 0: p.place.postal
        case 1: "〒" + Self.hyphenated(p.place.postal)
        case 2: Self.fullWidth("〒" + Self.hyphenated(p.place.postal))
        case 3: "〒" + p.place.postal
        default: Self.hyphenated(p.place.postal)
        }
        if r.chance(0.1) { postal = nil }

        var address: String
        if p.postOfficeHold {
            address = p.place.pref + p.place.city + space + p.place.town + "郵便局留め"
        } else {
            let block: String = switch r.below(5) {
            case 0: "\(p.chome)丁目\(p.banchi)番\(p.go)号"
            case 1: "\(p.chome)-\(p.banchi)-\(p.go)"
            case 2: Self.kanjiDigits[p.chome] + "丁目\(p.banchi)番地\(p.go)"
            case 3: "\(p.chome)丁目\(p.banchi)-\(p.go)"
            default: "\(p.chome)－\(p.banchi)－\(p.go)"
            }
            address = (r.chance(0.15) ? "" : p.place.pref) + p.place.city + p.place.town + block
            if let b = p.building, let room = p.room {
                address += r.pick([" ", "　", ""]) + b + r.pick([" ", ""]) + (r.chance(0.5) ? "\(room)号室" : "\(room)")
            }
        }
        if wide { address = Self.fullWidth(address) }

        var phone: String?
        if let d = p.phoneDigits {
            let split = Self.phoneGroups(d)
            phone = switch r.below(7) {
            case 0: d
            case 1: split.joined(separator: "-")
            case 2: Self.fullWidth(split.joined(separator: "-"))
            case 3: "+81 " + String(split[0].dropFirst()) + "-" + split[1] + "-" + split[2]
            case 4: split[0] + "(" + split[1] + ")" + split[2]
            case 5: split.joined(separator: " ")
            default: split.joined(separator: "ー")
            }
        }

        var email: String?
        if let l = p.emailLocal {
            email = l + "@" + p.emailDomain
            if r.chance(0.1) { email = email!.uppercased() }
            if r.chance(0.05) { email = " " + email! + " " }
            if r.chance(0.03) { email = Self.fullWidth(email!) }
        }
        return Identity(name: name, nameKana: kana, postalCode: postal, address: address, phone: phone, email: email)
    }

    // MARK: canonical

    /// Person `index` in a canonical form (`prefecture|city|town|block|room`, E.164, lower-case
    /// e-mail), made directly.
    func normalized(_ index: Int) -> NormalizedIdentity {
        let p = person(index)
        let canonical = p.postOfficeHold
            ? "\(p.place.pref)|\(p.place.city)|\(p.place.town)郵便局留め||"
            : "\(p.place.pref)|\(p.place.city)|\(p.place.town)|\(p.chome)-\(p.banchi)-\(p.go)|\(p.room.map(String.init) ?? "")"
        return NormalizedIdentity(
            name: p.family.kanji + p.given.kanji,
            nameKana: p.family.kana + p.given.kana,
            postalCode: p.place.postal,
            address: NormalizedAddress(canonical: canonical, isPostOfficeHold: p.postOfficeHold),
            phone: p.phoneDigits.map { "+81" + $0.dropFirst() },
            email: p.emailLocal.map { $0 + "@" + p.emailDomain }
        )
    }

    // MARK: helpers

    static func digits(_ n: Int, width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { a, _ in a * 10 } }

    static func hyphenated(_ postal: String) -> String { String(postal.prefix(3)) + "-" + String(postal.suffix(4)) }

    /// Mobile numbers as 3-4-4, others area-code first.
    static func phoneGroups(_ d: String) -> [String] {
        let a = d.count == 11 ? 3 : (d.hasPrefix("03") || d.hasPrefix("06") ? 2 : (d.hasPrefix("0889") ? 4 : 3))
        let rest = d.dropFirst(a)
        let b = rest.count - 4
        return [String(d.prefix(a)), String(rest.prefix(b)), String(rest.suffix(4))]
    }

    /// ASCII letters, digits, hyphen and @ to their full-width forms; everything else unchanged.
    static func fullWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0x21...0x7E).contains(u.value) { out.append(Unicode.Scalar(u.value + 0xFEE0)!) } else { out.append(u) }
        }
        return String(out)
    }

    /// Katakana (ァ–ヶ) to hiragana.
    static func hiragana(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0x30A1...0x30F6).contains(u.value) { out.append(Unicode.Scalar(u.value - 0x60)!) } else { out.append(u) }
        }
        return String(out)
    }
}
