#!/usr/bin/env bash
# Installs the machine-level packages SalesPulse's tests need, from Debian (`./salespulse run` needs none of them:
# its MariaDB is embedded, see local/mariadb-node):
#   chromium, chromium-driver - the headless browser for the dashboard's browser tests
# and, with --tests (what `./salespulse test` and `./salespulse images` need for the real-node tests):
#   mariadb-server - only to make a data directory with Debian's 10.11, which MariaDbNodeIT upgrades to the embedded 11.4
#   docker.io   - the container engine the images are built with and the kubelet runs pods on (dockershim)
#   mmdebstrap  - makes the JRE base image from Debian packages (no registry is ever pulled from)
#   iptables    - kube-proxy's data path and the rule that keeps pod traffic on this machine
#   nftables    - `nft`, to drop the empty nf_tables tables (e.g. ip mangle) the kubelet's iptables canaries create
#   rsync, gcc, libc6-dev - scripts/build-kube-control-plane.sh (Kubernetes' build scripts place binaries with
#                 rsync; the pod sandbox binary `pause` is a static C program)
# Idempotent: does nothing when everything is present. Needs root (or sudo).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ "${1:-}" = --tests ]; then
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
  command -v iptables >/dev/null 2>&1 || need+=(iptables)
  command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
  command -v rsync >/dev/null 2>&1 || need+=(rsync)
  command -v gcc >/dev/null 2>&1 || need+=(gcc)
  [ -f /usr/lib/x86_64-linux-gnu/libc.a ] || need+=(libc6-dev)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: need root to install ${need[*]} (apt-get); run as root or install them yourself" >&2
    exit 1
  fi
fi
echo "install-system-deps: installing ${need[*]} from Debian ..." >&2
# A container without an init system: keep package scripts from starting services (the launcher starts its own).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  $SUDO sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-system-deps: done" >&2
