#!/usr/bin/env bash
# Builds a real Kubernetes control plane (etcd + kube-apiserver + kube-controller-manager, plus the
# kubectl that fabric8 kube-api-test needs) for the operator's tests, and the node components of the
# real single-node test cluster (kubelet with dockershim, kube-scheduler, kube-proxy, a static pause
# binary), offline, from Debian packages only:
#   - kube-apiserver, kube-controller-manager, kubectl, kubelet, kube-scheduler, kube-proxy: built from
#     Debian's SOURCE package `kubernetes` (upstream 1.20.2 with vendor/) with Debian's Go 1.19
#     (golang-1.19-go + golang-1.19-src); vendor/github.com/modern-go/reflect2 is replaced by Debian's
#     1.0.2 (1.0.1 crashes under Go >= 1.18 with "fatal error: fault" in mapiternext on the first custom
#     resource), and scripts/patches/kubernetes-1.20.2-local-node.patch is applied (sandbox
#     oom_score_adj, no cloud credential providers, no host sysctl writes: see the patch's header).
#   - pause: build/pause/linux/pause.c from the same tree, `gcc -Os -static` (the pod sandbox binary;
#     the test harness `docker import`s it as the kubelet's --pod-infra-container-image).
#   - etcd: the binary of Debian's etcd-server package (3.4).
# Nothing is installed on the system and the system's apt configuration is not touched: packages are
# fetched with a private sources list / state / cache under the work directory and unpacked with dpkg -x.
#
# Result (the layout fabric8 kube-api-test expects under DIR/k8s/, see below):
#   ${SALESPULSE_K8S_CACHE:-$HOME/.cache/salespulse/k8s}/1.20.2-linux-amd64/
#       kube-apiserver  kube-controller-manager  kubectl  etcd
#       kubelet  kube-scheduler  kube-proxy  pause  BUILD-INFO
# Use it from a test with KubeAPIServerConfigBuilder.withTestDir(DIR).withApiServerVersion("1.20.2")
# .withOfflineMode(true), where DIR is the parent of the cache dir when it is named `k8s`, or any
# directory holding a symlink `k8s` -> the cache dir (kube-api-test writes certificates into DIR).
#
# Idempotent: when the binaries are present it prints where they are and exits at once.
# Cold run: ~12 min on 2 cores (downloads ~125 MB, unpacks ~1 GB, builds in ~3 GB of scratch space,
# removed afterwards; the cache holds ~435 MB; 39 min were seen on 2 cores busy with other builds).
# Needs rsync (Kubernetes' build scripts) and gcc with a static libc (Debian gcc, libc6-dev) for pause.
#
# Usage: scripts/build-kube-control-plane.sh [--force] [--keep-work] [--print-dir]
#   --force       rebuild even when the cache is complete
#   --keep-work   keep the work directory (sources, Go build cache) after a successful build
#   --print-dir   print only the binary directory (building first when needed; progress goes to stderr)
# Environment:
#   SALESPULSE_K8S_CACHE   cache root (default $HOME/.cache/salespulse/k8s)
#   SALESPULSE_K8S_WORK    scratch directory (default $SALESPULSE_K8S_CACHE/.work-1.20.2)
#   SALESPULSE_K8S_JOBS    go build parallelism (default 2)
#   DEBIAN_MIRROR          Debian mirror URI (default: the one configured in /etc/apt for main)
set -euo pipefail

K8S_VERSION=1.20.2
K8S_GIT_COMMIT=faecb196815e248d3ecfb03c680a4507229c2a56   # upstream tag v1.20.2
DEBIAN_SUITE=bookworm                                      # the suite that ships all the inputs below
GO_PKG=golang-1.19-go
GO_SRC_PKG=golang-1.19-src
REFLECT2_PKG=golang-github-modern-go-reflect2-dev
ETCD_PKG=etcd-server
LOCAL_PATCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/patches/kubernetes-${K8S_VERSION}-local-node.patch"
RECIPE_REV=2   # bump when this script changes what it builds, so caches from older recipes are rebuilt

force=0; keep_work=0; print_dir=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --keep-work) keep_work=1 ;;
    --print-dir) print_dir=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-kube-control-plane: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

log() { echo "build-kube-control-plane: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  *) die "only linux/amd64 is supported (this is $(uname -s)/$(uname -m))" ;;
esac
[ "$(uname -s)" = Linux ] || die "only linux/amd64 is supported"

CACHE_ROOT="${SALESPULSE_K8S_CACHE:-${HOME:-/root}/.cache/salespulse/k8s}"
BIN_DIR="$CACHE_ROOT/${K8S_VERSION}-linux-${ARCH}"
WORK="${SALESPULSE_K8S_WORK:-$CACHE_ROOT/.work-${K8S_VERSION}}"
JOBS="${SALESPULSE_K8S_JOBS:-2}"
BINARIES=(kube-apiserver kube-controller-manager kubectl etcd kubelet kube-scheduler kube-proxy pause)
KUBE_TARGETS=(cmd/kube-apiserver cmd/kube-controller-manager cmd/kubectl cmd/kubelet cmd/kube-scheduler cmd/kube-proxy)

cache_complete() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$BIN_DIR/$b" ] || return 1; done
  grep -qx "recipe=$RECIPE_REV" "$BIN_DIR/BUILD-INFO" 2>/dev/null || return 1
  # an edited source patch means other binaries: rebuild
  [ -f "$LOCAL_PATCH" ] || return 0
  grep -qx "local-patch=$(basename "$LOCAL_PATCH") $(sha256sum <"$LOCAL_PATCH" | cut -d' ' -f1)" "$BIN_DIR/BUILD-INFO"
}

report() {
  if [ "$print_dir" = 1 ]; then
    echo "$BIN_DIR"
  else
    log "control plane ${K8S_VERSION} ready in $BIN_DIR:"
    (cd "$BIN_DIR" && ls -l "${BINARIES[@]}" | sed 's/^/    /' >&2)
    log "kube-api-test: withTestDir(<dir containing 'k8s' -> $CACHE_ROOT>).withApiServerVersion(\"${K8S_VERSION}\").withOfflineMode(true)"
  fi
}

if [ "$force" = 0 ] && cache_complete; then
  log "cache hit, nothing to do"
  report
  exit 0
fi

mkdir -p "$CACHE_ROOT"
# One build at a time per cache (a second concurrent run waits, then finds the cache complete).
exec 9>"$CACHE_ROOT/.lock"
if ! flock -n 9; then
  log "another build holds $CACHE_ROOT/.lock, waiting for it ..."
  flock 9
fi
if [ "$force" = 0 ] && cache_complete; then
  log "cache completed by another run"
  report
  exit 0
fi

for tool in apt-get apt-cache dpkg dpkg-source make tar xz gzip patch rsync gcc; do
  command -v "$tool" >/dev/null 2>&1 || die "missing tool '$tool' (Debian packages: apt dpkg dpkg-dev make tar xz-utils gzip patch rsync gcc libc6-dev)"
done
[ -f "$LOCAL_PATCH" ] || die "source patch $LOCAL_PATCH not found"

free_kb=$(df -Pk "$(dirname "$WORK")" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -n "$free_kb" ] && [ "$free_kb" -lt $((4 * 1024 * 1024)) ]; then
  die "less than 4 GiB free under $(dirname "$WORK") (the build needs ~3 GiB of scratch space); set SALESPULSE_K8S_WORK"
fi

T0=$(date +%s)
step() { log "[$(( $(date +%s) - T0 ))s] $*"; }

# --- 1. A private apt setup pointing at the machine's own Debian mirror ----------------------------
# shellcheck source=lib/debian-sources.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/debian-sources.sh"
# The host's own suite first (third-party repos such as nodesource use other suite names and never match).
CODENAME=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
MIRROR="${DEBIAN_MIRROR:-$(debian_mirror_for "${CODENAME:-$DEBIAN_SUITE}" || true)}"
[ -n "$MIRROR" ] || die "no Debian mirror found in /etc/apt/sources.list{,.d}; set DEBIAN_MIRROR=http://<mirror>/debian"
MIRROR="${MIRROR%/}"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$KEYRING" ] || die "$KEYRING not found (package debian-archive-keyring)"

step "work directory $WORK (mirror $MIRROR, suite $DEBIAN_SUITE)"
rm -rf "$WORK"
mkdir -p "$WORK"/apt/{lists/partial,archives/partial,cache,etc} "$WORK/debs" "$WORK/src" "$WORK/root"
cat >"$WORK/apt/etc/sources.list" <<EOF
deb [signed-by=$KEYRING] $MIRROR $DEBIAN_SUITE main
deb-src [signed-by=$KEYRING] $MIRROR $DEBIAN_SUITE main
EOF
APT_OPTS=(
  -o "Dir::Etc::SourceList=$WORK/apt/etc/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$WORK/apt/lists"
  -o "Dir::Cache=$WORK/apt/cache"
  -o "Dir::Cache::archives=$WORK/apt/archives"
  -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root"
  -o "Acquire::Retries=3"
)
step "apt-get update (private lists)"
apt-get "${APT_OPTS[@]}" -q update >"$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log" >&2; die "apt-get update failed"; }

# --- 2. Download: kubernetes source, Go 1.19, reflect2 1.0.2, etcd -----------------------------------
step "downloading source package kubernetes"
(cd "$WORK/src" && apt-get "${APT_OPTS[@]}" -q source --download-only kubernetes >"$WORK/apt-source.log" 2>&1) \
  || { cat "$WORK/apt-source.log" >&2; die "apt-get source kubernetes failed"; }
DSC=$(ls "$WORK"/src/kubernetes_*.dsc)
DSC_VERSION=$(sed -n 's/^Version: //p' "$DSC")
case "$DSC_VERSION" in
  *"${K8S_VERSION}"*) log "    kubernetes source $DSC_VERSION" ;;
  *) die "Debian's kubernetes source is $DSC_VERSION, expected upstream $K8S_VERSION: update this script" ;;
esac
step "downloading $GO_PKG $GO_SRC_PKG $REFLECT2_PKG $ETCD_PKG"
(cd "$WORK/debs" && apt-get "${APT_OPTS[@]}" -q download "$GO_PKG" "$GO_SRC_PKG" "$REFLECT2_PKG" "$ETCD_PKG" >"$WORK/apt-download.log" 2>&1) \
  || { cat "$WORK/apt-download.log" >&2; die "apt-get download failed"; }
(cd "$WORK/debs" && ls -1 ./*.deb | sed 's|^\./|    |' >&2)

# --- 3. Unpack (no system install) ------------------------------------------------------------------
step "unpacking .debs into $WORK/root"
for deb in "$WORK"/debs/*.deb; do dpkg -x "$deb" "$WORK/root"; done
GOROOT_DIR="$WORK/root/usr/lib/go-1.19"
[ -x "$GOROOT_DIR/bin/go" ] || die "Go not found in $GOROOT_DIR"
REFLECT2_DIR="$WORK/root/usr/share/gocode/src/github.com/modern-go/reflect2"
[ -f "$REFLECT2_DIR/reflect2.go" ] || die "reflect2 sources not found in $REFLECT2_DIR"
ETCD_BIN="$WORK/root/usr/bin/etcd"
[ -x "$ETCD_BIN" ] || die "etcd not found in $ETCD_BIN"

step "unpacking kubernetes source (dpkg-source -x, Debian patches applied)"
SRC="$WORK/src/kubernetes"
dpkg-source --no-check -x "$DSC" "$SRC" >"$WORK/dpkg-source.log" 2>&1 || { cat "$WORK/dpkg-source.log" >&2; die "dpkg-source -x failed"; }

step "replacing vendor/github.com/modern-go/reflect2 (1.0.1) with Debian's 1.0.2"
rm -rf "$SRC/vendor/github.com/modern-go/reflect2"
mkdir -p "$SRC/vendor/github.com/modern-go/reflect2"
cp -a "$REFLECT2_DIR/." "$SRC/vendor/github.com/modern-go/reflect2/"

step "applying $(basename "$LOCAL_PATCH")"
(cd "$SRC" && patch -p1 --forward --batch <"$LOCAL_PATCH" >"$WORK/local-patch.log" 2>&1) \
  || { cat "$WORK/local-patch.log" >&2; die "$LOCAL_PATCH does not apply to $DSC_VERSION"; }

# --- 4. Build (GOPATH mode, static, upstream's build scripts) -----------------------------------------
export GOROOT="$GOROOT_DIR"
export PATH="$GOROOT_DIR/bin:$PATH"
export GO111MODULE=off CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS= GOPROXY=off
unset GOPATH GOBIN
# The tarball has no .git: give the version explicitly (kube::version::ldflags sets gitVersion, gitCommit,
# gitTreeState, gitMajor, gitMinor and buildDate in k8s.io/{component-base,client-go/pkg}/version).
cat >"$WORK/version.env" <<EOF
KUBE_GIT_COMMIT='$K8S_GIT_COMMIT'
KUBE_GIT_TREE_STATE='clean'
KUBE_GIT_VERSION='v$K8S_VERSION'
KUBE_GIT_MAJOR='${K8S_VERSION%%.*}'
KUBE_GIT_MINOR='$(echo "$K8S_VERSION" | cut -d. -f2)'
EOF
export KUBE_GIT_VERSION_FILE="$WORK/version.env"
log "    $(go version)"

step "make gen_openapi (generates pkg/generated/openapi, ~40 s)"
(cd "$SRC" && make gen_openapi >"$WORK/gen_openapi.log" 2>&1) || { tail -50 "$WORK/gen_openapi.log" >&2; die "make gen_openapi failed (log: $WORK/gen_openapi.log)"; }

step "building ${KUBE_TARGETS[*]#cmd/} (go -p=$JOBS, ~10 min on 2 cores)"
(cd "$SRC" && hack/make-rules/build.sh "-p=$JOBS" "${KUBE_TARGETS[@]}" >"$WORK/build.log" 2>&1) \
  || { tail -50 "$WORK/build.log" >&2; die "build failed (log: $WORK/build.log)"; }

OUT="$SRC/_output/local/bin/linux/$ARCH"
PAUSE_TAG=$(sed -n 's/^TAG *= *//p' "$SRC/build/pause/Makefile")
step "building pause $PAUSE_TAG (gcc -Os -static)"
gcc -Os -static -DVERSION="v$PAUSE_TAG" -o "$OUT/pause" "$SRC/build/pause/linux/pause.c" >"$WORK/pause.log" 2>&1 \
  || { cat "$WORK/pause.log" >&2; die "pause build failed (a static libc is needed: Debian libc6-dev)"; }
"$OUT/pause" -v 2>&1 | grep -q "v$PAUSE_TAG" || die "pause -v does not say v$PAUSE_TAG"

for b in kube-apiserver kube-controller-manager kubelet kube-scheduler kube-proxy; do
  v=$("$OUT/$b" --version 2>&1)
  [ "$v" = "Kubernetes v$K8S_VERSION" ] || die "$b --version says '$v', expected 'Kubernetes v$K8S_VERSION'"
done
"$OUT/kubectl" version --client 2>&1 | grep -q "GitVersion:\"v$K8S_VERSION\"" || die "kubectl has the wrong version"
"$ETCD_BIN" --version >/dev/null 2>&1 || die "etcd does not run"

# --- 5. Install into the cache atomically ------------------------------------------------------------
step "installing into $BIN_DIR"
TMP_DIR="$BIN_DIR.tmp.$$"
rm -rf "$TMP_DIR"
mkdir -p "$TMP_DIR"
for b in "${BINARIES[@]}"; do [ "$b" = etcd ] || cp "$OUT/$b" "$TMP_DIR/"; done
cp "$ETCD_BIN" "$TMP_DIR/"
chmod 0755 "$TMP_DIR"/*
{
  echo "recipe=$RECIPE_REV"
  echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "kubernetes-source=$DSC_VERSION"
  echo "local-patch=$(basename "$LOCAL_PATCH") $(sha256sum <"$LOCAL_PATCH" | cut -d' ' -f1)"
  echo "pause=v$PAUSE_TAG"
  echo "go=$(go version)"
  for deb in "$WORK"/debs/*.deb; do echo "deb=$(basename "$deb")"; done
  echo "mirror=$MIRROR"
  (cd "$TMP_DIR" && sha256sum "${BINARIES[@]}" | sed 's/^/sha256=/')
} >"$TMP_DIR/BUILD-INFO"
rm -rf "$BIN_DIR"
mv "$TMP_DIR" "$BIN_DIR"

if [ "$keep_work" = 1 ]; then
  log "keeping work directory $WORK (--keep-work)"
else
  step "removing work directory $WORK"
  rm -rf "$WORK"
fi
step "done"
report
