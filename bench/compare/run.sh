#!/bin/sh
# The benchmark against Ansible and the floor, in one command (root): installs its apt packages, then runs bench/compare/main.ts (options pass through, e.g. --hosts 3 --runs 1).
set -eu
cd "$(dirname "$0")/../.."
sh bench/compare/install-deps.sh
exec node --import tsx bench/compare/main.ts "$@"
