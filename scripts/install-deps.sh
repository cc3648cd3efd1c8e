#!/usr/bin/env bash
# Installs the Debian packages tsible's tests and lab need (idempotent; root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PACKAGES=(
  openssh-server openssh-client sudo   # real sshd for the transport tests
  qemu-system-x86 qemu-utils debootstrap e2fsprogs cpio iproute2   # lab VMs (lab/vm): TCG guests with IPVS
  iproute2 passwd   # transport tests: network namespaces (jump host, blackholed address), test users (useradd)
  debootstrap systemd-container iproute2 openssh-client kmod util-linux mount   # lab containers (lab/): rootfs, systemd-nspawn, netns, modprobe -n, setpriv
  strace   # put-script test: which process creates the temp file
  python3 curl bash coreutils   # modules uri/wait_for tests: from-host requests through the local transport (python3 urllib, curl fallback), bash /dev/tcp
  ansible-core   # the reference implementation, run next to tsible on the same inputs: ansible, ansible-playbook, ansible-config, ansible-inventory, ansible-vault (test/cli/ansible-compat.test.ts, test/core/inventory/, test/core/template/, test/core/vault/ and test/compat/modules compatibility tests)
  socat   # the lab's management path (ProxyCommand into a container's network namespace) and ProxyCommand tests
)
missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
