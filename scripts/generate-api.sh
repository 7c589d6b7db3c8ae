#!/usr/bin/env bash
# Regenerates the Swift code of the project's OpenAPI documents (Protocol/*.yaml) with
# swift-openapi-generator (the version pinned in scripts/openapi/Package.swift), and records the
# SHA-256 of each document followed by its generator configuration beside its code. The code is
# committed: a build needs only swift-openapi-runtime, and a test (GeneratedAPIDigestTests) fails
# when a document or its configuration changed and the code was not regenerated.
#
#   scripts/generate-api.sh          build the generator (scripts/openapi, in .build-openapi) and regenerate
#
# MIBARAI_OPENAPI_GENERATOR=/path/to/swift-openapi-generator uses an already built generator.
set -euo pipefail
cd "$(dirname "$0")/.."

generator=${MIBARAI_OPENAPI_GENERATOR:-}
if [[ -z $generator ]]; then
  swift build -c release --package-path scripts/openapi --scratch-path .build-openapi --product swift-openapi-generator
  generator=.build-openapi/release/swift-openapi-generator
fi

# document  configuration  module  namespace of its digest
generate() {
  local document=$1 config=$2 module=$3 digest_type=$4
  local out=Sources/$module/Generated
  rm -rf "$out"
  mkdir -p "$out"
  "$generator" generate "Protocol/$document" --config "scripts/openapi/$config" --output-directory "$out" >/dev/null
  local sha
  sha=$(cat "Protocol/$document" "scripts/openapi/$config" | sha256sum | cut -d' ' -f1)
  cat > "$out/$digest_type.swift" <<SWIFT
// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum $digest_type {
    /// Its path in the repository.
    public static let path = "Protocol/$document"
    /// The generator's configuration for it.
    public static let configuration = "scripts/openapi/$config"
    /// The SHA-256 of the document's bytes followed by the configuration's, when the code was generated.
    public static let sha256 = "$sha"
}
SWIFT
  echo "generated Sources/$module from Protocol/$document ($sha)"
}

generate hub-api.yaml hub-api.yaml MibaraiHubAPI HubAPIDocument
generate screening-api.yaml screening-api.yaml MibaraiScreeningAPI ScreeningAPIDocument
