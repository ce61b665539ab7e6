#!/usr/bin/env bash
# Builds the Meridian node image, meridian/node:dev by default: the one command for Docker users.
#
#   docker/build-image.sh [--tag IMAGE] [--base IMAGE] [--offline]
#
# 1. Builds the distribution (server/target/dist/lib) with ./mvnw when it is missing
#    (MERIDIAN_REBUILD=1 rebuilds it anyway; --offline passes -o to Maven).
# 2. Without --base, builds the local base image meridian/jre-base:21 (docker/build-base-image.sh,
#    skipped when it exists), so no registry is needed. With --base eclipse-temurin:21-jre (or any
#    image with java 21+ on its PATH) the build pulls that instead.
# 3. docker build -f docker/Dockerfile from the repository root; .dockerignore keeps the context to
#    the distribution. The image this tag named before, if no longer used, is removed.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

tag=meridian/node:dev
base=
offline=
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=${2:?--tag needs an image name}; shift ;;
    --base) base=${2:?--base needs an image name}; shift ;;
    --offline) offline=-o ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "build-image: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v docker >/dev/null || { echo "build-image: the docker command is not installed (Debian: apt-get install docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-image: the Docker daemon does not answer ('docker info' fails); start it first" >&2; exit 1; }
started=$SECONDS

lib=$repo/server/target/dist/lib
if [ "${MERIDIAN_REBUILD:-0}" = 1 ] || [ ! -f "$lib/meridian-server.jar" ]; then
  echo "build-image: building the distribution (./mvnw $offline -DskipTests -pl server -am install)..."
  build_log=$(mktemp)
  # shellcheck disable=SC2086
  if ! (cd "$repo" && ./mvnw -q -B $offline -DskipTests -pl server -am install) >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    echo "build-image: the distribution build failed (full log: $build_log)" >&2
    exit 1
  fi
  rm -f "$build_log"
fi

if [ -z "$base" ]; then
  base=meridian/jre-base:21
  "$repo/docker/build-base-image.sh" --tag "$base"
fi

# The docker client without its buildx plugin cannot use BuildKit; the classic builder reads the
# same Dockerfile.
if ! docker buildx version >/dev/null 2>&1; then
  export DOCKER_BUILDKIT=0
fi

previous=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
build_log=$(mktemp)
if ! docker build --build-arg "BASE_IMAGE=$base" -t "$tag" -f "$repo/docker/Dockerfile" "$repo" >"$build_log" 2>&1; then
  grep -v -e 'legacy builder is deprecated' -e 'BuildKit is currently disabled' -e 'environment-variable\.$' "$build_log" | tail -n 30 >&2
  echo "build-image: docker build failed (full log: $build_log)" >&2
  exit 1
fi
rm -f "$build_log"
current=$(docker image inspect -f '{{.Id}}' "$tag")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
  # Only that one image, and only when nothing uses it any more: never a broad prune here.
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
size=$(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }')
echo "build-image: built $tag on $base ($size) in $((SECONDS - started)) s"
