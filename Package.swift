// swift-tools-version:6.2
// Mibarai: a federated, privacy-preserving network of shops that screens orders against
// blinded reports of unpaid, refused and fraudulent orders.
//
// Layering (the I/O line is a module line), each module's job in one sentence:
//   MibaraiCore        the pure rules: normalise, blind, match, screen, the order form, the dunning ladder, letters,
//                      the gossip state machine; no files, sockets or threads (swift-crypto only).
//   MibaraiImport      bytes to orders: EC-platform CSV layouts, encodings and the byte parser; no I/O.
//   MibaraiMembership  the federation's certificates: root, join requests, member certificates (X509).
//   MibaraiStore       the node's SQLite file (GRDB): reports, blinded records, logs, cases, history; knows no rules.
//   MibaraiNode        the node itself: its data directory, configuration, keys and epochs, and the use cases every
//                      face calls (record and correct reports, cases, screening, lookups).
//   MibaraiHubAPI      the types, server protocol and client generated from Protocol/hub-api.yaml (scripts/generate-api.sh).
//   MibaraiScreeningAPI the types and server protocol generated from Protocol/screening-api.yaml (the same script).
//   MibaraiServer      the listeners only: the local screening API, the federation's mutual-TLS listener and the
//                      gossip connections (Hummingbird, NIO, swift-service-lifecycle).
//   MibaraiWeb         the shop owner's web page (server-rendered HTML, swift-mustache) on the API's listener: pages,
//                      sessions, CSRF and Host checks; it calls MibaraiNode's use cases and does no work of its own.
//   MibaraiCLI         the `mibarai` commands only (argument-parser): Commands/<Group>/, printed through Output/.
//   mibarai            the executable: one line that runs MibaraiCLI.
//   mibarai-bench      release-built benchmark command (`swift run -c release mibarai-bench`).
//   MibaraiTestSupport fixtures shared by the test targets.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Mibarai",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mibarai", targets: ["mibarai"]),
        .executable(name: "mibarai-bench", targets: ["MibaraiBench"]),
        .library(name: "MibaraiCore", targets: ["MibaraiCore"]),
        .library(name: "MibaraiStore", targets: ["MibaraiStore"]),
        .library(name: "MibaraiImport", targets: ["MibaraiImport"]),
        .library(name: "MibaraiMembership", targets: ["MibaraiMembership"]),
        .library(name: "MibaraiNode", targets: ["MibaraiNode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
    ],
    targets: [
        .target(
            name: "MibaraiCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [
                .copy("Resources/postal.tsv"), .copy("Resources/itaiji.tsv"), .copy("Resources/mail-domains.tsv"),
                .copy("Resources/numbering-plan.tsv"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MibaraiMembership",
            dependencies: [
                "MibaraiCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MibaraiStore",
            dependencies: [
                "MibaraiCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C functions, for the per-entry write paths (RawStatement.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(name: "MibaraiImport", dependencies: ["MibaraiCore"], swiftSettings: strict),
        .target(
            name: "MibaraiNode",
            dependencies: [
                "MibaraiCore", "MibaraiStore", "MibaraiMembership", "MibaraiImport",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                // scrypt, for the web page's password (WebPassword).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict
        ),
        // Generated from Protocol/hub-api.yaml by scripts/generate-api.sh (committed; never edited by hand).
        .target(
            name: "MibaraiHubAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Generated from Protocol/screening-api.yaml the same way.
        .target(
            name: "MibaraiScreeningAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "MibaraiServer",
            dependencies: [
                "MibaraiCore", "MibaraiStore", "MibaraiMembership", "MibaraiNode", "MibaraiHubAPI", "MibaraiScreeningAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MibaraiWeb",
            dependencies: [
                "MibaraiCore", "MibaraiStore", "MibaraiNode", "MibaraiImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Static")],
            swiftSettings: strict
        ),
        .target(
            name: "MibaraiCLI",
            dependencies: [
                "MibaraiCore", "MibaraiStore", "MibaraiServer", "MibaraiMembership", "MibaraiNode", "MibaraiImport", "MibaraiWeb",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "mibarai", dependencies: ["MibaraiCLI"], swiftSettings: strict),
        .executableTarget(
            name: "MibaraiBench",
            dependencies: ["MibaraiCore", "MibaraiStore", "MibaraiServer", "MibaraiNode", "MibaraiImport", "MibaraiMembership",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "X509", package: "swift-certificates"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "NIOTLS", package: "swift-nio")],
            swiftSettings: strict
        ),
        .target(name: "MibaraiTestSupport", dependencies: ["MibaraiCore", "MibaraiStore"], swiftSettings: strict),
        .testTarget(name: "MibaraiCoreTests", dependencies: ["MibaraiCore", "MibaraiTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "MibaraiImportTests",
            dependencies: ["MibaraiImport", "MibaraiTestSupport",
                           // The reference reader that CSVByteParser is checked against.
                           .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MibaraiNodeTests",
            dependencies: ["MibaraiNode", "MibaraiStore", "MibaraiTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(name: "MibaraiMembershipTests", dependencies: ["MibaraiMembership", "MibaraiTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "MibaraiStoreTests",
            dependencies: ["MibaraiStore", "MibaraiTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MibaraiServerTests",
            dependencies: ["MibaraiCore", "MibaraiMembership", "MibaraiStore", "MibaraiNode", "MibaraiServer", "MibaraiHubAPI", "MibaraiScreeningAPI", "MibaraiTestSupport",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOEmbedded", package: "swift-nio"),
                           .product(name: "NIOTLS", package: "swift-nio")],
            swiftSettings: strict
        ),
        .testTarget(name: "MibaraiWebTests", dependencies: ["MibaraiWeb", "MibaraiNode", "MibaraiCore"], swiftSettings: strict),
        .testTarget(
            name: "MibaraiCLITests",
            dependencies: ["MibaraiCore", "MibaraiMembership", "MibaraiStore", "MibaraiNode", "MibaraiImport", "MibaraiCLI", "MibaraiServer", "MibaraiTestSupport", "mibarai",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
    ]
)
