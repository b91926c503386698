#!/usr/bin/env bash
# Builds the Java 17 runtime base image the project's images start FROM, from Debian packages only (no registry):
# mmdebstrap makes a Debian bookworm root file system (variant apt: Essential packages + apt) with
# openjdk-17-jre-headless and tini, without docs, man pages and translations; `docker import` turns it into
#   salespulse/jre17:17-bookworm-<recipe>
# The root file system is cached as a tar OUTSIDE the repository, so a fresh Docker engine needs no download:
#   ${SALESPULSE_IMAGE_CACHE:-$HOME/.cache/salespulse/images}/jre17-bookworm-<recipe>.tar (+ .packages: what is inside)
# Packages come from the Debian mirror(s) this machine's apt uses (/etc/apt/sources.list{,.d}: suite bookworm,
# bookworm-updates, bookworm-security, component main), never from anywhere else.
#
# Idempotent: when the tag exists it only says so (< 1 s); when only the tar exists it imports it (~ 3 s).
# Cold: ~30 s (downloads ~90 MB of .debs), tar ~330 MB.
#
# Usage: scripts/build-base-image.sh [--force] [--print-tag]
#   --force       rebuild the tar from Debian packages and re-import it
#   --print-tag   print only the image tag (building first when needed; progress goes to stderr)
# Environment:
#   SALESPULSE_IMAGE_CACHE   cache directory (default $HOME/.cache/salespulse/images)
#   DEBIAN_MIRROR            Debian mirror URI for bookworm and bookworm-updates (default: from /etc/apt)
#   DEBIAN_SECURITY_MIRROR   mirror URI for bookworm-security (default: from /etc/apt; skipped when none)
#
# A user elsewhere does not need this script: the Dockerfiles take --build-arg BASE_IMAGE=<a JRE 17 image with tini>
# (see docs/operator.md, "Images").
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=bookworm
# Bump when the recipe below changes what goes into the image: the tag and the cached tar follow it.
RECIPE=1
TAG="salespulse/jre17:17-${SUITE}-${RECIPE}"
PACKAGES=(openjdk-17-jre-headless tini)

force=0; print_tag=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --print-tag) print_tag=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-base-image: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

log() { echo "build-base-image: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
done_with() { if [ "$print_tag" = 1 ]; then echo "$TAG"; else log "$*"; fi; exit 0; }

[ "$(uname -m)" = x86_64 ] || die "only linux/amd64 is supported (this is $(uname -m))"
JAVA_HOME_IN_IMAGE=/usr/lib/jvm/java-17-openjdk-amd64
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker engine answers (start one: scripts/dockerd.sh start)"

CACHE="${SALESPULSE_IMAGE_CACHE:-${HOME:-/root}/.cache/salespulse/images}"
TAR="$CACHE/jre17-${SUITE}-${RECIPE}.tar"
MANIFEST="${TAR%.tar}.packages"

if [ "$force" = 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  done_with "$TAG is present"
fi
# One build at a time per cache; whoever waited finds the image made.
mkdir -p "$CACHE"
exec 9>"$CACHE/.build-base-image.lock"
flock 9
if [ "$force" = 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  done_with "$TAG is present"
fi

T0=$(date +%s)
if [ "$force" = 1 ] || [ ! -s "$TAR" ]; then
  command -v mmdebstrap >/dev/null 2>&1 || die "mmdebstrap is missing (Debian package mmdebstrap: scripts/install-system-deps.sh --tests)"
  [ "$(id -u)" -eq 0 ] || die "mmdebstrap needs root here"
  # shellcheck source=lib/debian-sources.sh
  . scripts/lib/debian-sources.sh
  mirror="${DEBIAN_MIRROR:-$(debian_mirror_for "$SUITE" || true)}"
  [ -n "$mirror" ] || die "no Debian mirror for $SUITE in /etc/apt/sources.list{,.d}; set DEBIAN_MIRROR=http://<mirror>/debian"
  sources=("deb ${mirror%/} $SUITE main")
  updates="${DEBIAN_MIRROR:-$(debian_mirror_for "$SUITE-updates" || true)}"
  [ -z "$updates" ] || sources+=("deb ${updates%/} $SUITE-updates main")
  security="${DEBIAN_SECURITY_MIRROR:-$(debian_mirror_for "$SUITE-security" || true)}"
  if [ -n "$security" ]; then sources+=("deb ${security%/} $SUITE-security main"); else log "WARNING: no $SUITE-security source configured: building without security updates"; fi

  mkdir -p "$CACHE"
  log "building the root file system with mmdebstrap from: ${sources[*]}"
  # mmdebstrap picks the output format from the name: keep .tar at the end of the temporary file too.
  tmp="$CACHE/.incomplete-$$.tar"
  trap 'rm -f "$tmp" "$CACHE/packages"' EXIT
  rm -f "$tmp"
  # Docs, man pages and translations are left out (copyright files stay: they are the licences). The java
  # package's update-alternatives step still wants the man1 directory for its slave links. No fsync per
  # unpacked file (force-unsafe-io): the tree is thrown away if anything fails, and it is most of the time.
  mmdebstrap --variant=apt --quiet \
    --include="$(IFS=,; echo "${PACKAGES[*]}")" \
    --aptopt='Acquire::Retries "3"' \
    --dpkgopt='force-unsafe-io' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --setup-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook='chroot "$1" dpkg-query -W -f="\${Package}\t\${Version}\n" > "$1"/tmp/packages' \
    --customize-hook='copy-out /tmp/packages '"$CACHE"'/' \
    --customize-hook='rm -f "$1"/tmp/packages' \
    "$SUITE" "$tmp" "${sources[@]}" >&2 \
    || die "mmdebstrap failed"
  mv "$CACHE/packages" "$MANIFEST"
  mv "$tmp" "$TAR"
  log "root file system: $TAR ($(du -h "$TAR" | cut -f1), $(( $(date +%s) - T0 )) s)"
fi

old_id=$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)
java_version=$(awk '$1 == "openjdk-17-jre-headless" { print $2 }' "$MANIFEST" 2>/dev/null || true)
tini_version=$(awk '$1 == "tini" { print $2 }' "$MANIFEST" 2>/dev/null || true)
log "importing $TAR as $TAG (openjdk-17-jre-headless ${java_version:-?}, tini ${tini_version:-?})"
docker import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV JAVA_HOME=$JAVA_HOME_IN_IMAGE" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL io.salespulse.base-recipe=$RECIPE io.salespulse.openjdk=${java_version:-unknown} io.salespulse.tini=${tini_version:-unknown}" \
  --change 'CMD ["/bin/bash"]' \
  --message "Debian $SUITE + ${PACKAGES[*]} (scripts/build-base-image.sh recipe $RECIPE)" \
  "$TAR" "$TAG" >/dev/null

# A forced rebuild leaves the previous image unnamed: remove it unless something still uses it.
new_id=$(docker image inspect -f '{{.Id}}' "$TAG")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then docker image rm "$old_id" >/dev/null 2>&1 || true; fi

# The two things every image built on it relies on.
docker run --rm --network=none "$TAG" sh -c 'java -version 2>&1 | head -1 && /usr/bin/tini --version' >&2 \
  || { docker image rm "$TAG" >/dev/null 2>&1 || true; die "$TAG does not run java and tini: remove $TAR and retry"; }
done_with "$TAG ready ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{ printf "%d MB", $1 / 1e6 }'), $(( $(date +%s) - T0 )) s)"
