#!/usr/bin/env bash
# Installs mibarai: builds it (release, the Swift runtime linked in) and puts the program and the
# tables it loads under PREFIX/lib/mibarai/, with PREFIX/bin/mibarai a link to it. Run as root for
# /usr/local (the default).
#
#   scripts/install.sh                         build, install under /usr/local
#   scripts/install.sh --systemd               also: the system user, the data directory and the
#                                              unit (deploy/mibarai.service), enabled but not started
#   scripts/install.sh --prefix DIR            install under DIR instead
#   scripts/install.sh --configuration debug --no-build   install what is built already (tests)
#   scripts/install.sh --uninstall [--prefix DIR]          remove what it installed (never the data)
#
# The data directory (/var/lib/mibarai with --systemd) is made by `mibarai init`, never by this
# script, and is never removed by it.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local configuration=release build=1 systemd=0 uninstall=0
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=$2; shift ;;
    --configuration) configuration=$2; shift ;;
    --no-build) build=0 ;;
    --systemd) systemd=1 ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case $configuration in release|debug) ;; *) echo "install.sh: --configuration is release or debug" >&2; exit 2 ;; esac

lib=$prefix/lib/mibarai
bin=$prefix/bin
if [ "$uninstall" = 1 ]; then
  rm -f "$bin/mibarai"
  rm -rf "$lib"
  echo "removed $bin/mibarai and $lib (data directories are left as they are)"
  exit 0
fi

if [ "$build" = 1 ]; then
  source scripts/lib/ensure-deps.sh
  ensure_build_deps
  flags=(-c "$configuration" --product mibarai)
  [ "$configuration" = release ] && flags+=(--static-swift-stdlib)
  swift build "${flags[@]}"
fi
built=$(swift build -c "$configuration" --show-bin-path)
[ -x "$built/mibarai" ] || { echo "install.sh: $built/mibarai is not built (drop --no-build)" >&2; exit 1; }
[ -d "$built/Mibarai_MibaraiCore.resources" ] || { echo "install.sh: the tables ($built/Mibarai_MibaraiCore.resources) are missing" >&2; exit 1; }

# A new directory moved into place, so a running node's program is never half-written.
mkdir -p "$prefix/lib" "$bin"
staging=$(mktemp -d "$prefix/lib/.mibarai.XXXXXX")
install -m 0755 "$built/mibarai" "$staging/mibarai"
# Every resource bundle: the normalisation tables (MibaraiCore), the web page's templates (MibaraiWeb).
for bundle in "$built"/Mibarai_*.resources; do cp -R "$bundle" "$staging/"; done
chmod -R a+rX "$staging"
chmod 0755 "$staging"
rm -rf "$lib.old"
[ -d "$lib" ] && mv "$lib" "$lib.old"
mv "$staging" "$lib"
rm -rf "$lib.old"
ln -sfn ../lib/mibarai/mibarai "$bin/mibarai"
# The program finds its tables beside its real path, through the link: a phone number needs the
# numbering plan, an address the postal directory.
echo '{"phone": "03-1234-5678", "postal_code": "100-0001"}' | "$bin/mibarai" normalize | grep -q '"+81312345678"' \
  || { echo "install.sh: the installed program cannot read its tables" >&2; exit 1; }
echo "installed $bin/mibarai -> $lib/mibarai ($configuration)"

if [ "$systemd" = 1 ]; then
  id mibarai >/dev/null 2>&1 || useradd --system --home /var/lib/mibarai --shell /usr/sbin/nologin mibarai
  install -m 0644 deploy/mibarai.service /etc/systemd/system/mibarai.service
  sed -i "s|/usr/local/bin/mibarai|$bin/mibarai|" /etc/systemd/system/mibarai.service
  install -d -m 0700 -o mibarai -g mibarai /var/lib/mibarai
  systemctl daemon-reload 2>/dev/null || true
  systemctl enable mibarai 2>/dev/null || true
  cat <<MSG
The unit is installed and enabled, not started. Next, as the service user:
  sudo -u mibarai $bin/mibarai init --data-dir /var/lib/mibarai --node-id <name>
then join the federation (deploy/README.md) and: systemctl start mibarai
MSG
fi
