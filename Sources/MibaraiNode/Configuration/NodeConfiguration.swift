import Foundation
import MibaraiCore
import TOMLKit

/// A node's settings, read from `mibarai.toml` in its data directory. Every key has a default;
/// `mibarai init` writes the file with each key explained (`NodeConfiguration.template`).
public struct NodeConfiguration: Sendable, Equatable {
    /// `node_id`: this node's name in the federation. It is published with every blinded record, so
    /// it names the shop, never a person. Default: `shop-` + 8 hex digits of the node's public key.
    public var nodeID: String
    /// `language`: `ja` or `en`, the output language when neither `--lang` nor LANG decide.
    public var language: Language?
    /// `[retention_days]`: days a report is kept and matched, per category, from the incident date.
    public var retention: RetentionPolicy
    /// `[shop]`: the shop's details for letters and evidence files (nil until set).
    public var shop: ShopProfile?
    /// `[dunning]`: the pace of the dunning ladder (see `dunningTemplate`).
    public var dunning: DunningPolicy
    /// `[screening]`: rule weights, thresholds, catalogue rules and the allow-list of order
    /// screening (`NodeConfiguration+Screening.swift`).
    public var screening: ScreeningPolicy
    /// `[federation]`: seeds and pace of the gossip (`NodeConfiguration+Federation.swift`).
    public var federation: FederationSettings

    public init(
        nodeID: String, language: Language? = nil, retention: RetentionPolicy = RetentionPolicy(),
        shop: ShopProfile? = nil, dunning: DunningPolicy = DunningPolicy(), screening: ScreeningPolicy = ScreeningPolicy(),
        federation: FederationSettings = FederationSettings()
    ) {
        self.federation = federation
        self.nodeID = nodeID
        self.language = language
        self.retention = retention
        self.shop = shop
        self.dunning = dunning
        self.screening = screening
    }

    public static let fileName = DataDirectory.configurationFile

    /// Parses a configuration file. Unknown keys, wrong types and impossible values are errors.
    public static func parse(_ text: String) throws(NodeError) -> NodeConfiguration {
        struct File: Decodable {
            var node_id: String
            var language: String?
            var retention_days: [String: Int]?
            var shop: ShopSection?
            var dunning: DunningSection?
            var screening: ScreeningSection?
            var federation: FederationSection?
        }
        let file: File
        if let line = TOMLTableHeaders.firstKeylessHeader(in: text) {
            throw .data(ja: "設定ファイルの書式が不正です: \(line) 行目 (表の見出し [...] がキーで始まらないか、配列の中に } があります)。",
                        en: "\(fileName) is not valid TOML: line \(line) has a table header that does not start with a key, or a } inside an array.")
        }
        do {
            var decoder = TOMLDecoder()
            decoder.strictDecoding = true
            file = try decoder.decode(File.self, from: text)
        } catch let e as TOMLParseError {
            throw .data(ja: "設定ファイルの書式が不正です: \(e.description)", en: "\(fileName) is not valid TOML: \(e.description)")
        } catch let e as UnexpectedKeysError {
            let keys = e.keys.keys.sorted().joined(separator: ", ")
            throw .data(ja: "設定ファイルに不明なキーがあります: \(keys)", en: "unknown keys in \(fileName): \(keys)")
        } catch {
            throw .data(ja: "設定ファイルを読めません: \(error)", en: "cannot read \(fileName): \(error)")
        }
        let id = file.node_id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
            throw .data(ja: "node_id は英数字・- _ . の64文字以内にしてください。", en: "node_id must be 1–64 ASCII letters, digits, '-', '_' or '.'.")
        }
        var language: Language?
        if let l = file.language {
            guard let parsed = Language(rawValue: l) else {
                throw .data(ja: "language は ja か en です。", en: "language must be \"ja\" or \"en\".")
            }
            language = parsed
        }
        var days: [ReportCategory: Int] = [:]
        for (key, value) in file.retention_days ?? [:] {
            guard let category = ReportCategory.allCases.first(where: { $0.name.replacingOccurrences(of: "-", with: "_") == key }) else {
                throw .data(ja: "retention_days に不明な区分があります: \(key)", en: "unknown category in retention_days: \(key)")
            }
            guard (1...36_500).contains(value) else {
                throw .data(ja: "retention_days.\(key) は 1〜36500 日です。", en: "retention_days.\(key) must be 1 to 36500 days.")
            }
            days[category] = value
        }
        if let shop = file.shop, shop.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .data(ja: "shop.name が空です。", en: "shop.name is empty.")
        }
        return NodeConfiguration(
            nodeID: id, language: language, retention: RetentionPolicy(days: days), shop: file.shop?.profile,
            dunning: try file.dunning?.policy() ?? DunningPolicy(), screening: try screeningPolicy(file.screening),
            federation: try file.federation?.settings() ?? FederationSettings()
        )
    }

    /// The file `mibarai init` writes: every key, its default and what it means.
    public var template: String {
        let retentionLines = ReportCategory.allCases.map { c in
            "\(c.name.replacingOccurrences(of: "-", with: "_")) = \(retention.days[c] ?? 0)    # \(c.label.ja) / \(c.label.en)"
        }.joined(separator: "\n")
        return """
        # Mibarai ノード設定 / node configuration

        # このノードの名前。ブラインド化した記録と一緒に公開されます (店舗名であって個人名ではない)。
        # This node's name in the federation, published with every blinded record: it names the shop, never a person.
        node_id = "\(nodeID)"

        # 表示言語 (ja / en)。--lang と LANG が優先。 / Output language when neither --lang nor LANG decides.
        # language = "ja"

        # 区分ごとの保存・照合期間 (発生日からの日数)。 / Days a report is kept and matched, per category, from the incident date.
        # 未払いは民法の消滅時効 (5年) に合わせています。 / Money owed follows the 5-year limitation period.
        [retention_days]
        \(retentionLines)

        \(Self.screeningTemplate(screening))
        \(Self.dunningTemplate)
        \(Self.federationTemplate)
        """
    }
}
