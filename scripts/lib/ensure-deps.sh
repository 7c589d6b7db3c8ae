# Installs the system packages Mibarai needs, when they are missing (Debian/Ubuntu, as root or
# with sudo): ensure_build_deps for building and running the node (the demo), ensure_deps for the
# whole test suite as well.

# Installs the packages named, in one apt-get run.
install_missing() {
    [ $# -gt 0 ] || return 0
    echo "installing: $*" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

# What the build and the node need: SQLite's and OpenSSL's headers, and python3 (the demo writes
# its sample CSV with it).
build_deps_missing() {
    dpkg -s libsqlite3-dev >/dev/null 2>&1 || echo libsqlite3-dev
    dpkg -s libssl-dev >/dev/null 2>&1 || echo libssl-dev
    command -v python3 >/dev/null 2>&1 || echo python3
}

ensure_build_deps() {
    # shellcheck disable=SC2046
    install_missing $(build_deps_missing)
}

# Everything the tests need besides the build's packages.
ensure_deps() {
    local missing
    missing=$(build_deps_missing)
    # The conformance client (Protocol/conformance) needs Python's cryptography module (Ed25519, X25519, ChaCha20-Poly1305, X.509).
    python3 -c 'import cryptography' >/dev/null 2>&1 || missing+=" python3-cryptography"
    # Real TLS clients the federation tests talk to the listeners with (they fail without them).
    command -v openssl >/dev/null 2>&1 || missing+=" openssl"
    command -v curl >/dev/null 2>&1 || missing+=" curl"
    # The install test checks the systemd unit with systemd-analyze verify.
    command -v systemd-analyze >/dev/null 2>&1 || missing+=" systemd"
    # The evidence-file test prints the HTML in headless Chromium with a Japanese font and reads the PDF back.
    command -v chromium >/dev/null 2>&1 || missing+=" chromium"
    command -v pdftotext >/dev/null 2>&1 || missing+=" poppler-utils"
    dpkg -s fonts-ipafont-mincho >/dev/null 2>&1 || missing+=" fonts-ipafont-mincho"
    # The password tests type at a real pseudo-terminal made by script (util-linux, in bsdutils).
    command -v script >/dev/null 2>&1 || missing+=" bsdutils"
    # A virtual environment needs ensurepip, which Debian ships apart (python3-venv).
    python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=" python3-venv"
    # shellcheck disable=SC2086
    install_missing $missing
    ensure_schemathesis
}

# Test tools from PyPI, pinned, in a virtual environment of their own under .build/, away from the
# system's Python: schemathesis for the API conformance test (APIConformanceTests) and Playwright
# for the web page's browser test (WebPageBrowserTests), which drives Debian's chromium (Playwright's
# own browser download is not used).
SCHEMATHESIS_VERSION=4.32.5
PLAYWRIGHT_VERSION=1.65.0
ensure_schemathesis() {
    local venv=.build/test-tools/venv
    if [ -x "$venv/bin/st" ] && "$venv/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" \
        && "$venv/bin/python" -c "import importlib.metadata as m; assert m.version('playwright') == '$PLAYWRIGHT_VERSION'" 2>/dev/null; then
        return 0
    fi
    echo "installing: schemathesis $SCHEMATHESIS_VERSION and playwright $PLAYWRIGHT_VERSION (PyPI) in $venv" >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" "playwright==$PLAYWRIGHT_VERSION"
}
