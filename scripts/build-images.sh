#!/usr/bin/env bash
# Builds the project's container images from what Maven already built on this machine (no Maven in Docker, no
# registry, no network inside the build):
#   salespulse/operator:<version>        operator/Dockerfile        context operator/
#   salespulse/dashboard:<version>       dashboard/Dockerfile       context dashboard/
#   salespulse/streaming-job:<version>   streaming-job/Dockerfile   context the repository root (job + simulator)
# <version> is the project version from pom.xml in a tag-safe form (0.1.0-SNAPSHOT stays 0.1.0-SNAPSHOT).
#
# First the Maven outputs must exist (it stops naming the missing target/ path), e.g.
#   ./mvnw -B -DskipTests package -pl operator,dashboard,streaming-job,simulator -am     (./salespulse images does both)
# Then: the base image (scripts/build-base-image.sh, cached), and for each image "missing or stale" only: every FROM
# must exist locally (`docker image inspect`), then `DOCKER_BUILDKIT=0 docker build --network=none --pull=false`.
# An image is up to date when its label io.salespulse.content-hash equals the hash of its inputs (the Dockerfile, the
# .dockerignore, the files the .dockerignore lets through, the base image id). Then it checks every image it has not
# checked before: the application files are owned by root and not writable by the image's user, then the job
# image's `self-check` (a missing runtime class fails the script) and a start of the operator's and dashboard's JVM
# with their main class loaded (java --dry-run), all with --network=none, --rm and, as the pods run them, a read-only
# root with tmpfs scratch (/tmp; the job's working directory).
# An image that fails its check is removed again, so its tag never names a broken image.
# Progress and durations go to stderr; stdout gets one line per image: name=repository:tag.
#
# Usage: scripts/build-images.sh [--force] [--no-check] [operator] [dashboard] [streaming-job]
#   --force      rebuild and re-check even when up to date
#   --no-check   skip the start checks
#   names        only these images (default: all three)
# Environment:
#   SALESPULSE_BASE_IMAGE    use this (local) base image instead of scripts/build-base-image.sh's (--build-arg BASE_IMAGE)
#   SALESPULSE_IMAGE_PREFIX  repository prefix (default salespulse/), e.g. registry.example.com/salespulse/
#   SALESPULSE_IMAGE_TAG     tag instead of the project version (e.g. a branch's own, beside another's images;
#                            RealNodeIT then needs -Dsalespulse.image.tag=<the same>)
#   SALESPULSE_IMAGE_CACHE   where the base image's tar and the check markers live (default ~/.cache/salespulse/images)
set -euo pipefail
cd "$(dirname "$0")/.."

ALL=(operator dashboard streaming-job)
force=0; check=1; selected=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --no-check) check=0 ;;
    operator|dashboard|streaming-job) selected+=("$arg") ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${ALL[@]}")

log() { echo "build-images: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

T0=$(now)
PREFIX="${SALESPULSE_IMAGE_PREFIX:-salespulse/}"
CACHE="${SALESPULSE_IMAGE_CACHE:-${HOME:-/root}/.cache/salespulse/images}"
# One build at a time per cache (two test modules may ask at once): the second waits, then finds the images current.
mkdir -p "$CACHE"
exec 9>"$CACHE/.build-images.lock"
flock 9

# The project version, read from the root pom (the first <version> after the parent's artifactId), made tag-safe.
VERSION=$(awk '/<artifactId>salespulse-parent<\/artifactId>/ { found = 1 }
  found && /<version>/ { sub(/.*<version>/, ""); sub(/<\/version>.*/, ""); print; exit }' pom.xml)
[ -n "$VERSION" ] || die "cannot read the project version from pom.xml"
TAG=${SALESPULSE_IMAGE_TAG:-$(printf '%s' "$VERSION" | tr -c 'A-Za-z0-9_.-' '-' | sed 's/^[.-]*//' | cut -c1-128)}

# Per image: Dockerfile, build context, the Maven outputs it needs (relative to the repository root).
dockerfile_of() { echo "$1/Dockerfile"; }
context_of() { case "$1" in streaming-job) echo . ;; *) echo "$1" ;; esac; }
outputs_of() {
  case "$1" in
    operator) echo operator/target/salespulse-operator.jar operator/target/lib ;;
    dashboard) echo dashboard/target/quarkus-app/quarkus-run.jar dashboard/target/quarkus-app/lib \
      dashboard/target/quarkus-app/app dashboard/target/quarkus-app/quarkus ;;
    streaming-job) echo streaming-job/target/salespulse-streaming-job.jar streaming-job/target/image/lib \
      streaming-job/target/image/conf/spark-jvm-flags simulator/target/salespulse-simulator.jar simulator/target/image/lib ;;
  esac
}
sources_of() { case "$1" in streaming-job) echo streaming-job simulator schema ;; operator) echo operator crds schema ;; *) echo "$1" ;; esac; }

# --- 1. Maven outputs ---------------------------------------------------------------------------------------
missing=()
for name in "${selected[@]}"; do
  for path in $(outputs_of "$name"); do
    [ -e "$path" ] || missing+=("$path")
  done
done
if [ ${#missing[@]} -gt 0 ]; then
  die "Maven outputs missing: ${missing[*]}
  build them first: ./mvnw -B -DskipTests package -pl operator,dashboard,streaming-job,simulator -am   (or ./salespulse images)"
fi
for name in "${selected[@]}"; do
  first=$(outputs_of "$name" | cut -d' ' -f1)
  # shellcheck disable=SC2046
  newer=$(find $(sources_of "$name" | sed 's|[^ ]*|&/src/main/java &/src/main/resources &/pom.xml|g') -newer "$first" -type f -print -quit 2>/dev/null || true)
  [ -z "$newer" ] || log "WARNING: $newer is newer than $first: the $name image would package an old build (rebuild with Maven first)"
done

# --- 2. Docker engine and base image -----------------------------------------------------------------------
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker engine answers (start one: scripts/dockerd.sh start)"
if [ -n "${SALESPULSE_BASE_IMAGE:-}" ]; then
  BASE="$SALESPULSE_BASE_IMAGE"
else
  t=$(now)
  BASE=$(scripts/build-base-image.sh --print-tag)
  log "base image $BASE ($(since "$t"))"
fi

# Every FROM of a Dockerfile, with ARG defaults and our build args substituted.
froms_of() {
  awk -v base="$BASE" '
    /^[ \t]*ARG[ \t]+[A-Za-z_]+=/ { split($2, kv, "="); val[kv[1]] = substr($2, length(kv[1]) + 2) }
    /^[ \t]*FROM[ \t]/ {
      img = $2; val["BASE_IMAGE"] = base
      for (k in val) { gsub("\\$\\{" k "\\}", val[k], img); gsub("\\$" k, val[k], img) }
      if (tolower(img) != "scratch") print img
    }' "$1"
}

# The content hash of an image's inputs: what its .dockerignore lets through (lines "!path"), the Dockerfile, the
# .dockerignore itself, the base image's id. Paths, modes and contents count; timestamps do not.
content_hash() {
  local name=$1 context dockerfile files
  context=$(context_of "$name"); dockerfile=$(dockerfile_of "$name")
  [ -f "$context/.dockerignore" ] || die "$context/.dockerignore is missing"
  files=$(mktemp)
  (cd "$context" && sed -n 's/^!//p' .dockerignore | sed 's|/$||' | while read -r p; do
      [ ! -e "$p" ] || find "$p" \( -type f -o -type l \) -printf '%m %p\n'
    done | LC_ALL=C sort -k2 >"$files")
  {
    echo "base $(docker image inspect -f '{{.Id}}' "$BASE")"
    sha256sum "$dockerfile" "$context/.dockerignore"
    cat "$files"
    (cd "$context" && cut -d' ' -f2- "$files" | xargs -r -d '\n' sha256sum)
  } | sha256sum | cut -c1-16
  rm -f "$files"
}

label_of() { docker image inspect -f '{{ index .Config.Labels "io.salespulse.content-hash" }}' "$1" 2>/dev/null || true; }

# --- 3. Build what is missing or stale ---------------------------------------------------------------------
declare -A REF STATUS
for name in "${selected[@]}"; do
  ref="${PREFIX}${name}:${TAG}"
  REF[$name]=$ref
  dockerfile=$(dockerfile_of "$name")
  for from in $(froms_of "$dockerfile"); do
    docker image inspect "$from" >/dev/null 2>&1 \
      || die "$dockerfile needs $from, which is not present locally (this build never pulls)"
  done
  t=$(now)
  hash=$(content_hash "$name")
  old_id=$(docker image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
  if [ "$force" = 0 ] && [ -n "$old_id" ] && [ "$(label_of "$ref")" = "$hash" ]; then
    STATUS[$name]="up to date ($(since "$t") to check)"
    log "$ref is up to date (content $hash)"
    continue
  fi
  log "building $ref (${old_id:+stale, }content $hash) ..."
  build_log=$(mktemp)
  if ! DOCKER_BUILDKIT=0 docker build --network=none --pull=false --force-rm \
      -f "$dockerfile" --build-arg "BASE_IMAGE=$BASE" \
      --label "io.salespulse.content-hash=$hash" --label "org.opencontainers.image.version=$VERSION" \
      --label "org.opencontainers.image.title=salespulse-$name" \
      -t "$ref" "$(context_of "$name")" >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2; rm -f "$build_log"
    die "docker build of $ref failed"
  fi
  rm -f "$build_log"
  # The image this tag pointed at before is now unnamed: remove it unless something still uses it.
  new_id=$(docker image inspect -f '{{.Id}}' "$ref")
  if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then docker image rm "$old_id" >/dev/null 2>&1 || true; fi
  STATUS[$name]="built in $(since "$t")"
  log "$ref built in $(since "$t")"
done

# --- 4. Start checks ---------------------------------------------------------------------------------------
CHECK_PREFIX="salespulse-image-check-$$"
cleanup() {
  local ids
  ids=$(docker ps -aq --filter "name=^${CHECK_PREFIX}" 2>/dev/null || true)
  [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

image_config_ok() {
  local ref=$1 user entry
  user=$(docker image inspect -f '{{.Config.User}}' "$ref")
  entry=$(docker image inspect -f '{{index .Config.Entrypoint 0}}' "$ref")
  case "${user%%:*}" in ''|0|*[!0-9]*) die "$ref: USER is '$user', expected a numeric non-root uid" ;; esac
  [ "$entry" = /usr/bin/tini ] || die "$ref: the entrypoint starts with $entry, expected /usr/bin/tini (PID 1)"
}

# The application's files, which must be owned by root and not writable by the image's user (so a compromised
# process cannot replace its own code); the job image's working directory is its only writable path.
app_dirs_of() {
  case "$1" in
    operator) echo /opt/salespulse-operator ;;
    dashboard) echo /opt/salespulse-dashboard ;;
    streaming-job) echo /opt/salespulse/job /opt/salespulse/simulator /opt/salespulse/bin ;;
  esac
}

app_files_read_only() {
  local name=$1 ref=$2 out
  # shellcheck disable=SC2046
  out=$(docker run --rm --name "$CHECK_PREFIX-files" --network=none --entrypoint /usr/bin/find "$ref" \
    $(app_dirs_of "$name") \( -writable -o ! -user 0 \) -print 2>&1 | head -n 5)
  if [ -n "$out" ]; then
    docker image rm "$ref" >/dev/null 2>&1 || true
    die "$ref: application files writable by the image's user or not owned by root (the image was removed): $out"
  fi
}

# As the pods run them: a read-only root with emptyDir-like scratch (/tmp; the job's working directory).
READ_ONLY_RUN=(--read-only --tmpfs /tmp:rw,exec,mode=1777)

run_check() {
  local name=$1 ref=${REF[$1]} id marker t out
  id=$(docker image inspect -f '{{.Id}}' "$ref")
  marker="$CACHE/checked/${id#sha256:}"
  if [ "$force" = 0 ] && [ -f "$marker" ]; then return 0; fi
  image_config_ok "$ref"
  app_files_read_only "$name" "$ref"
  t=$(now)
  case "$name" in
    streaming-job)
      if ! out=$(docker run --rm --name "$CHECK_PREFIX-job" --network=none --hostname localhost "${READ_ONLY_RUN[@]}" \
          --tmpfs /opt/salespulse/work:rw,exec,mode=1777 "$ref" self-check 2>&1) \
          || ! grep -q '^self-check passed' <<<"$out"; then
        grep -E '^(ok|FAIL|self-check)|Exception|Error' <<<"$out" | tail -n 40 >&2
        docker image rm "$ref" >/dev/null 2>&1 || true
        die "$ref: self-check failed (above); the image was removed"
      fi
      STATUS[$name]+=", self-check passed in $(since "$t")" ;;
    operator|dashboard)
      local jar
      jar=$([ "$name" = operator ] && echo /opt/salespulse-operator/salespulse-operator.jar || echo /opt/salespulse-dashboard/quarkus-run.jar)
      # The entrypoint's JVM, as the image's user, with the main class loaded (java --dry-run stops before main).
      if ! out=$(docker run --rm --name "$CHECK_PREFIX-$name" --network=none "${READ_ONLY_RUN[@]}" --entrypoint /usr/bin/tini "$ref" \
          -- java --dry-run -jar "$jar" 2>&1); then
        echo "$out" | tail -n 20 >&2
        docker image rm "$ref" >/dev/null 2>&1 || true
        die "$ref: the JVM does not start with $jar; the image was removed"
      fi
      STATUS[$name]+=", JVM start checked in $(since "$t")" ;;
  esac
  mkdir -p "$CACHE/checked"
  echo "$ref" > "$marker"
}

if [ "$check" = 1 ]; then
  for name in "${selected[@]}"; do run_check "$name"; done
  # Forget checks of images that are gone.
  for marker in "$CACHE"/checked/*; do
    [ -f "$marker" ] || continue
    docker image inspect "sha256:${marker##*/}" >/dev/null 2>&1 || rm -f "$marker"
  done
fi

# --- 5. Summary --------------------------------------------------------------------------------------------
for name in "${selected[@]}"; do
  ref=${REF[$name]}
  size=$(docker image inspect -f '{{.Size}}' "$ref" | awk '{ printf "%d MB", $1 / 1e6 }')
  log "  $ref  $size  ${STATUS[$name]}"
  echo "$name=$ref"
done
log "done in $(since "$T0")"
