// swift-tools-version:6.2
// libFuzzer targets for every decoder of outside bytes in Mibarai (see README.md beside this file).
//
// Built only with the fuzzer's instrumentation, by scripts/fuzz.sh:
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
// Each executable target defines `LLVMFuzzerTestOneInput` and a `@main` that hands it to
// libFuzzer's driver (`FuzzDriver`).
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let core = Target.Dependency.product(name: "MibaraiCore", package: "mibarai")
let importer = Target.Dependency.product(name: "MibaraiImport", package: "mibarai")
let membership = Target.Dependency.product(name: "MibaraiMembership", package: "mibarai")
let node = Target.Dependency.product(name: "MibaraiNode", package: "mibarai")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let x509 = Target.Dependency.product(name: "X509", package: "swift-certificates")
let asn1 = Target.Dependency.product(name: "SwiftASN1", package: "swift-asn1")

/// One fuzz target: an executable named `name`, its sources in `Sources/<name>`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: strict)
}

let package = Package(
    name: "MibaraiFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "Mibarai"),
        // Already dependencies of Mibarai (same versions): named here so the targets can build seeds.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        // libFuzzer's driver function, declared for Swift.
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], swiftSettings: strict),
        // Fixed keys, a root, a request, a certificate and a bundle for the membership targets.
        .target(name: "MembershipFixtures", dependencies: [core, membership, crypto, x509, asn1], swiftSettings: strict),
        fuzzTarget("ScreenRequestFuzz", [core]),
        fuzzTarget("WebFormFuzz", []),
        fuzzTarget("OrderCSVFuzz", [core, importer]),
        fuzzTarget("GossipMessageFuzz", [core, crypto]),
        fuzzTarget("LogEntryFuzz", [core, crypto]),
        fuzzTarget("ContactMessageFuzz", [core]),
        fuzzTarget("VersionVectorFuzz", [core]),
        fuzzTarget("NormalizerFuzz", [core]),
        fuzzTarget("NodeConfigurationFuzz", [core, node]),
        fuzzTarget("NodeFilesFuzz", ["MembershipFixtures", core, node, crypto]),
        fuzzTarget("JoinBundleFuzz", ["MembershipFixtures", core, membership, crypto, x509]),
        fuzzTarget("MembershipRequestFuzz", ["MembershipFixtures", core, membership, crypto]),
        fuzzTarget("MemberCertificateFuzz", ["MembershipFixtures", core, membership, crypto, x509]),
    ]
)
