#!/usr/bin/env bash
# Makes a Debian package of mibarai from the same layout scripts/install.sh installs: the program
# and its tables in /usr/lib/mibarai/, /usr/bin/mibarai a link to it, the systemd unit in
# /lib/systemd/system/ (enabled by no one: the operator starts it once the node has joined), and a
# `mibarai` system user with the data directory /var/lib/mibarai (0700) made on install. Removing
# or purging the package never touches the data directory.
#
#   scripts/deb.sh                          release build (the Swift runtime linked in), package in .
#   scripts/deb.sh --output DIR             the .deb in DIR
#   scripts/deb.sh --configuration debug --no-build   package what is built already (tests; a
#                                           debug build needs the Swift runtime of this machine)
#
# Then, on the hub or shop machine: sudo apt install ./mibarai_<version>_<arch>.deb
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

configuration=release build=1 out=.
while [ $# -gt 0 ]; do
  case $1 in
    --configuration) configuration=$2; shift ;;
    --no-build) build=0 ;;
    --output) out=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "deb.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case $configuration in release|debug) ;; *) echo "deb.sh: --configuration is release or debug" >&2; exit 2 ;; esac
case $out in /*) ;; *) out=$caller/$out ;; esac
command -v dpkg-deb >/dev/null 2>&1 || { echo "deb.sh: dpkg-deb is needed (Debian's dpkg package)" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
install_args=(--prefix "$root/usr" --configuration "$configuration")
[ "$build" = 1 ] || install_args+=(--no-build)
scripts/install.sh "${install_args[@]}" >/dev/null

install -d -m 0755 "$root/lib/systemd/system" "$root/usr/share/doc/mibarai" "$root/DEBIAN"
sed -e 's|/usr/local/|/usr/|g' \
  deploy/mibarai.service > "$root/lib/systemd/system/mibarai.service"
chmod 0644 "$root/lib/systemd/system/mibarai.service"
install -m 0644 README.md "$root/usr/share/doc/mibarai/README.md"
install -m 0644 deploy/README.md "$root/usr/share/doc/mibarai/deploy-README.md"

# The version: the last commit's time and hash (a Debian version must start with a digit; the time
# keeps a later commit's package newer for apt).
commit_date=$(git log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S 2>/dev/null || date -u +%Y%m%d%H%M%S)
commit_hash=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
version="0.0~git$commit_date.$commit_hash"
arch=$(dpkg --print-architecture)
size=$(du -sk "$root" | cut -f1)

cat > "$root/DEBIAN/control" <<CONTROL
Package: mibarai
Version: $version
Architecture: $arch
Maintainer: Mibarai maintainers <maintainers@mibarai.invalid>
Depends: libsqlite3-0 (>= 3.37), libc6, libstdc++6, libgcc-s1, adduser
Section: net
Priority: optional
Installed-Size: $size
Description: screening network for online shops that never shares personal data
 A node of a Mibarai federation: a shop records customers who never paid, refused a
 cash-on-delivery parcel or charged back, checks new orders against every member's
 reports, and chases unpaid orders up a dunning ladder. Members exchange only
 codes derived from the personal data, never the data itself.
CONTROL

cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
# The service user and its data directory (raw personal data and keys: owner only).
set -e
if [ "$1" = configure ]; then
  if ! getent passwd mibarai >/dev/null; then
    adduser --system --group --home /var/lib/mibarai --no-create-home --shell /usr/sbin/nologin mibarai
  fi
  install -d -o mibarai -g mibarai -m 0700 /var/lib/mibarai
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || true
    # An upgrade restarts a running node on the new program (graceful: SIGTERM, then start).
    if [ -n "${2:-}" ]; then systemctl try-restart mibarai.service || true; fi
  fi
fi
exit 0
SCRIPT
cat > "$root/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
# The node stops gracefully (SIGTERM) before its program is removed.
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then systemctl stop mibarai.service || true; fi
exit 0
SCRIPT
cat > "$root/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
# The data directory (/var/lib/mibarai) and the service user stay, even on purge: they hold a
# shop's reports and keys, which only their owner may decide to delete.
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
exit 0
SCRIPT
chmod 0755 "$root/DEBIAN" "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"

mkdir -p "$out"
deb="$out/mibarai_${version}_${arch}.deb"
# gzip: much quicker to make than the default xz (the package is a little larger).
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "$deb"
