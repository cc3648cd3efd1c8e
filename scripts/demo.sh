#!/usr/bin/env bash
# The main command: on a fresh Debian 12 machine, as root, builds the tutorial's chapter IV lab, runs playbooks/lb-ha.ts on it and shows the proof.
#   scripts/demo.sh   as root (from another account: sudo scripts/demo.sh). SKIP_INSTALL=1 skips install-deps + npm ci;
#   the lab stays up afterwards: `node bin/tsible.js lab down` removes it. Ends with the time each phase took.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${TSIBLE_LAB_STATE:-/var/lib/tsible/lab}
VIP=192.168.56.10
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Phase timings: `phase NAME` ends the previous phase and starts NAME; printed at the end.
PHASES=() PHASE='' PHASE_T0=$SECONDS DEMO_T0=$SECONDS
phase() {
  if [ -n "$PHASE" ]; then PHASES+=("$(printf '%-7s %5d s' "$PHASE" $((SECONDS - PHASE_T0)))"); fi
  PHASE=$1 PHASE_T0=$SECONDS
}

if [ "$(id -u)" != 0 ]; then
  # The lab builds network namespaces, bridges, containers and QEMU VMs: root only.
  if command -v sudo >/dev/null 2>&1; then exec sudo --preserve-env=SKIP_INSTALL,TSIBLE_LAB_STATE,TSIBLE_LAB_CACHE,TSIBLE_HEARTBEAT_AUTHKEY "$0" "$@"; fi
  echo "demo: run as root (the lab builds network namespaces, bridges, containers and QEMU VMs); this account has no sudo" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "demo: Node.js >= 20.19 is needed (Debian 12 ships 18): see https://github.com/nodesource/distributions" >&2
  exit 1
fi

phase install
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  say "Installing the Debian packages and the npm dependencies"
  scripts/install-deps.sh
  npm ci --no-audit --no-fund
fi

# The Heartbeat key is a secret: never in the repository, never printed. Made once, kept beside the lab.
if [ -z "${TSIBLE_HEARTBEAT_AUTHKEY:-}" ]; then
  mkdir -p "$STATE"
  if [ ! -s "$STATE/heartbeat-authkey" ]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$STATE/heartbeat-authkey")
  fi
  TSIBLE_HEARTBEAT_AUTHKEY=$(cat "$STATE/heartbeat-authkey")
  export TSIBLE_HEARTBEAT_AUTHKEY
fi

phase images
say "Building the lab's images if missing or stale (container rootfs, VM images: Debian 12 + its kernel; minutes when cold)"
node bin/tsible.js lab prepare chapter4

phase lab-up
say "Bringing the chapter IV lab up (lb1, lb2: Debian 12 VMs with IPVS; web1..3: Debian 12 containers)"
if ! out=$(node bin/tsible.js lab up chapter4 --state-dir "$STATE" 2>&1); then
  case "$out" in
    *"already up (topology chapter4"*) echo "(the chapter4 lab in $STATE is already up: using it)" ;;
    *) echo "$out" >&2; exit 1 ;;
  esac
else
  echo "$out"
fi

phase play
say "tsible play playbooks/lb-ha.ts -i $STATE/inventory.ini"
node bin/tsible.js play playbooks/lb-ha.ts -i "$STATE/inventory.ini"

lab() { ssh -F "$STATE/ssh_config" -o BatchMode=yes "$@"; }

phase proof
say "Floating addresses (Heartbeat): lb1 holds both, lb2 none"
for h in lb1 lb2; do
  echo "$h:"; lab "$h" ip -o -4 addr show | awk '{printf "  %-8s %s\n", $2, $4}'
done

say "ipvsadm -ln on the active balancer (lb1): wrr, weights 3/1/1, Masq (lb2 holds the same table; both run the connection-sync daemons)"
lab lb1 ipvsadm -ln

say "10 requests to http://$VIP/ from this machine (one TCP connection each)"
proof=0
node --input-type=module -e '
import { request } from "node:http";
const get = () => new Promise((ok, ko) => request(process.argv[1], { agent: false, headers: { Connection: "close" }, timeout: 5000 }, (r) => {
  let b = ""; r.setEncoding("utf8"); r.on("data", (c) => (b += c)); r.on("end", () => ok(b));
}).on("error", ko).on("timeout", function () { this.destroy(new Error("timeout")); }).end());
const count = {};
for (let i = 1; i <= 10; i++) {
  const body = await get();
  const host = /<meta name="tsible-host" content="([^"]*)"/.exec(body)?.[1] ?? "?";
  const title = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? "";
  count[host] = (count[host] ?? 0) + 1;
  console.log(`  request ${String(i).padStart(2)}: ${host}  (${title})`);
}
const got = Object.entries(count).sort().map(([h, n]) => `${h}=${n}`).join(" ");
console.log("  answers per web server:", got, "(expected web1=6 web2=2 web3=2)");
if (got !== "web1=6 web2=2 web3=2") process.exitCode = 1;
' "http://$VIP/" || proof=$?

phase done
say "Time per phase"
printf '  %s\n' "${PHASES[@]}"
printf '  %-7s %5d s\n' total $((SECONDS - DEMO_T0))
if [ "$proof" != 0 ]; then echo "demo: the answers were not shared 6/2/2 as chapter IV's weights say" >&2; exit 1; fi

say "Done. Try a failover: ssh -F $STATE/ssh_config lb1 systemctl stop heartbeat   (lb2 takes both addresses within seconds; it already holds the table and, through the sync daemons, the open connections). A measured drill: node bin/tsible.js drill heartbeat -i $STATE/inventory.ini"
echo "   Tear down: node bin/tsible.js lab down --state-dir $STATE"
