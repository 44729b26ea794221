#!/usr/bin/env bash
# Builds the root of the container image's runtime stage from Debian's own tools, for machines where no Docker
# engine runs and no base image can be pulled: debootstrap --variant=minbase (what debian:bookworm-slim is made
# from), the runtime stage's packages with --no-install-recommends, its non-root user and its /work folder, and
# the system git configuration the Dockerfile writes. The publish output is not part of it (the test copies it in).
#
#   make-rootfs.sh CACHE SUITE USER UID PACKAGE...
#
# The root is kept under CACHE/<key>/root, the key hashing the suite, user, uid, sorted package list and this script,
# and built only once (a finished root has CACHE/<key>/done). Prints the root's path. Needs root and debootstrap.
set -euo pipefail
cache="$1"; suite="$2"; user="$3"; uid="$4"; shift 4
packages=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ')
key=$({ printf '%s\n' "$suite" "$user" "$uid" "$packages"; cat "$0"; } | sha256sum | cut -c1-16)
dir="$cache/$key"
if [ -f "$dir/done" ]; then echo "$dir/root"; exit 0; fi
command -v debootstrap >/dev/null || { echo "make-rootfs.sh: debootstrap is not installed" >&2; exit 3; }
[ "$(id -u)" -eq 0 ] || { echo "make-rootfs.sh: needs root" >&2; exit 3; }
# The mirror apt uses on this machine (deb822 sources first, then sources.list), else Debian's own.
mirror=${MLAUDIT_DEBIAN_MIRROR:-$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)}
[ -n "$mirror" ] || mirror=$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$dir/done" ]; then echo "$dir/root"; exit 0; fi
rm -rf "$dir"
mkdir -p "$dir"
debootstrap --variant=minbase "$suite" "$dir/root" "$mirror" >"$dir/debootstrap.log" 2>&1 ||
  { echo "make-rootfs.sh: debootstrap failed, see $dir/debootstrap.log" >&2; exit 3; }
cp /etc/resolv.conf "$dir/root/etc/resolv.conf" 2>/dev/null || true
# The same commands as the Dockerfile's runtime stage.
chroot "$dir/root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive /bin/sh -c "
  set -e
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $packages
  rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
  git config --system --add safe.directory '*'
  useradd --uid $uid --user-group --create-home --shell /usr/sbin/nologin $user
  mkdir -p /work
  chown $user:$user /work
" >"$dir/packages.log" 2>&1 || { echo "make-rootfs.sh: installing $packages failed, see $dir/packages.log" >&2; exit 3; }
printf '%s\n' "suite=$suite" "user=$user" "uid=$uid" "packages=$packages" "mirror=$mirror" >"$dir/recipe"
touch "$dir/done"
echo "$dir/root"
