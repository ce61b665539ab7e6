#!/usr/bin/env bash
# Builds meridian/jre-base:21, a Java runtime image made on this machine, for hosts that cannot pull
# an image from a registry (hosts that can use eclipse-temurin:21-jre instead: see docker/Dockerfile).
#
#   docker/build-base-image.sh [--force] [--tag IMAGE]
#
# It jlinks a runtime from the JDK that scripts/java-home finds (21 or newer; the tag names the Java
# release the image is for, the label org.meridian.java.version the runtime's exact version), adds
# the shared libraries that runtime and RocksDB's JNI library need, the dynamic loader, /tmp (mode
# 1777: RocksDB and Netty unpack their native libraries there), /etc/passwd and /etc/group with the
# non-root user meridian (uid 10001) and the JDK's CA certificates, and imports that tree as an
# image. There is no shell and no package manager in it. Nothing is pulled. It takes half a
# minute or so (jlink and the class-data archive), once: it skips the build when the image exists,
# unless --force.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

tag=meridian/jre-base:21
force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1 ;;
    --tag) tag=${2:?--tag needs an image name}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "build-base-image: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v docker >/dev/null || { echo "build-base-image: the docker command is not installed" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-base-image: the Docker daemon does not answer ('docker info' fails); start it first" >&2; exit 1; }

if [ "$force" = 0 ] && docker image inspect "$tag" >/dev/null 2>&1; then
  echo "build-base-image: $tag exists (--force rebuilds it)"
  exit 0
fi

java_home=$("$repo/scripts/java-home")
java_version=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.version = //p')

# What the server's jars use (jdeps over server/target/dist/lib), plus what they reach by
# reflection or service loading: DNS names for peers (jdk.naming.dns), elliptic-curve TLS
# (jdk.crypto.ec, empty in newer JDKs but harmless), zip file systems.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml
modules+=,jdk.httpserver,jdk.jfr,jdk.management,jdk.unsupported,jdk.naming.dns,jdk.zipfs
if "$java_home/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then modules+=,jdk.crypto.ec; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
java_dir=/opt/java/openjdk   # where the official images keep it, so JAVA_HOME means the same in both
mkdir -p "$root/opt/java"

"$java_home/bin/jlink" --add-modules "$modules" --output "$root$java_dir" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive >/dev/null
# The class-data archive of the JDK's own classes shortens the start of every short-lived JVM (the
# health check runs one every few seconds). Its twin for heaps over 32 GB (no compressed oops) is
# 15 MB that a node here never uses; such a JVM would just start without sharing.
rm -f "$root$java_dir/lib/server/classes_nocoops.jsa"

# The real CA certificates (the JDK's cacerts is often a symbolic link into /etc).
rm -f "$root$java_dir/lib/security/cacerts"
cp -L "$java_home/lib/security/cacerts" "$root$java_dir/lib/security/cacerts"

# Shared libraries: what the launcher, libjli and the JVM link against, plus the C++ and compression
# libraries that RocksDB's JNI library (unpacked at run time) needs. The desktop module's native
# libraries are left unresolved on purpose: nothing on a server loads them.
copy_library() {
  local path=$1
  [ -e "$root$path" ] && return 0
  mkdir -p "$root$(dirname "$path")"
  cp -L "$path" "$root$path"
}
libraries=$(ldd "$root$java_dir/bin/java" "$root$java_dir/lib/libjli.so" "$root$java_dir/lib/server/libjvm.so" |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | sort -u)
for path in $libraries; do
  case "$path" in "$root"*) continue ;; esac   # the runtime's own libraries
  copy_library "$path"
done
multiarch=$(dirname "$(ldd "$java_home/bin/java" | awk '$1 == "libc.so.6" { print $3 }')")
for name in libstdc++.so.6 libgcc_s.so.1 libpthread.so.0 librt.so.1 libdl.so.2 libm.so.6 libz.so.1 libc.so.6; do
  [ -e "$multiarch/$name" ] || { echo "build-base-image: $multiarch/$name is missing on this host" >&2; exit 1; }
  copy_library "$multiarch/$name"
done
loader=$(ldd "$java_home/bin/java" | awk '$1 ~ /^\/.*ld-linux/ { print $1 }')
copy_library "$loader"

# Users, name lookup and the scratch directory.
mkdir -p "$root/etc" "$root/tmp" "$root/home/meridian"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nmeridian:x:10001:10001:meridian:/home/meridian:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nmeridian:x:10001:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"

tar --numeric-owner --owner=0 --group=0 --exclude=./home/meridian -C "$root" -cf "$work/root.tar" .
tar --numeric-owner --owner=10001 --group=10001 -C "$root" -rf "$work/root.tar" ./home/meridian
docker import \
  --change "ENV JAVA_HOME=$java_dir" \
  --change "ENV PATH=$java_dir/bin:/usr/bin:/bin" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL org.meridian.build=local" \
  --change "LABEL org.meridian.java.version=$java_version" \
  --change "CMD [\"java\", \"-version\"]" \
  --message "meridian: jlinked Java $java_version runtime, built locally" \
  "$work/root.tar" "$tag" >/dev/null
echo "build-base-image: built $tag (Java $java_version, $(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
