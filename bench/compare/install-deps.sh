#!/bin/sh
# Apt packages only bench/compare needs (kept out of scripts/install-deps.sh so CI stays lean): Ansible, Mitogen for Ansible (its mitogen_linear strategy), gnuplot, GNU time, python3-apt for Ansible's apt module.
set -eu
PACKAGES="
ansible-core
ansible-mitogen
gnuplot-nox
time
python3-apt
"
missing=""
for p in $PACKAGES; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"; done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
