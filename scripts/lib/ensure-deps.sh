# Installs the system packages Mibarai needs to build and test (openssl and curl as real TLS clients included), when they are missing (Debian/Ubuntu, as root).
ensure_deps() {
    local missing=()
    dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
    dpkg -s python3 >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 || missing+=(python3)
    # The conformance client (Protocol/conformance) needs Python's cryptography module (Ed25519, X25519, ChaCha20-Poly1305, X.509).
    python3 -c 'import cryptography' >/dev/null 2>&1 || missing+=(python3-cryptography)
    # The evidence-file test prints the HTML in headless Chromium with a Japanese font and reads the PDF back.
    # Real TLS clients the federation tests talk to the listeners with (they fail without them).
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    dpkg -s fonts-ipafont-mincho >/dev/null 2>&1 || missing+=(fonts-ipafont-mincho)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing: ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    fi
}
