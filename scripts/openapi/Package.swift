// swift-tools-version:6.0
// The OpenAPI generator, built only by scripts/generate-api.sh (never by the project's build):
// the generated code is committed, so a build needs only swift-openapi-runtime.
import PackageDescription

let package = Package(
    name: "mibarai-openapi-generator",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "1.14.3")],
    targets: []
)
