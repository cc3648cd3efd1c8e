// What the per-VM seed disk installs into the guest at early boot: a pure function of the VmSpec.
import { gatewayNic, HOST_KEY_FILES } from './check-spec.ts';
import type { VmSpec } from './types.ts';

/** One file the initramfs installs into the guest's root. */
export interface SeedFile {
  /** Absolute path in the guest (no spaces). */
  path: string;
  /** Octal mode, e.g. 0o600. */
  mode: number;
  /** File content. */
  content: string;
}

/** The guest files of `spec` (call checkSpec first); `machineId` is 32 hex digits, new per boot. */
export function seedFiles(spec: VmSpec, machineId: string): SeedFile[] {
  const files: SeedFile[] = [];
  const add = (path: string, mode: number, content: string) => files.push({ path, mode, content });
  add('/etc/hostname', 0o644, `${spec.hostname}\n`);
  add('/etc/hosts', 0o644, etcHosts(spec));
  add('/etc/machine-id', 0o444, `${machineId}\n`);
  add('/root/.ssh/authorized_keys', 0o600, withNewline(spec.authorizedKeys));
  for (const k of spec.hostKeys) {
    const stem = HOST_KEY_FILES[k.type];
    add(`/etc/ssh/ssh_host_${stem}_key`, 0o600, withNewline(k.privateKey));
    add(`/etc/ssh/ssh_host_${stem}_key.pub`, 0o644, withNewline(k.publicKey));
  }
  const gw = gatewayNic(spec);
  spec.nics.forEach((nic, i) => {
    add(`/etc/systemd/network/10-tsible-${nic.ifname}.link`, 0o644,
      `[Match]\nPermanentMACAddress=${nic.mac.toLowerCase()}\n\n[Link]\nName=${nic.ifname}\n`);
    const lines = ['[Match]', `Name=${nic.ifname}`, '', '[Network]', 'LinkLocalAddressing=no', 'IPv6AcceptRA=no', 'ConfigureWithoutCarrier=yes'];
    for (const a of nic.addresses) lines.push(`Address=${a}`);
    if (i === gw) lines.push(`Gateway=${spec.gateway}`);
    add(`/etc/systemd/network/10-tsible-${nic.ifname}.network`, 0o644, `${lines.join('\n')}\n`);
  });
  if (spec.aptProxy) add('/etc/apt/apt.conf.d/01tsible-proxy', 0o644, `Acquire::http::Proxy "${spec.aptProxy}";\n`);
  return files;
}

/** The given /etc/hosts, plus localhost and the VM's own name when it lacks them (sudo wants to resolve it). */
function etcHosts(spec: VmSpec): string {
  let text = withNewline(spec.etcHosts);
  const names = new Set(text.split('\n').flatMap((l) => l.replace(/#.*/, '').trim().split(/\s+/).slice(1)));
  if (!names.has('localhost')) text += '127.0.0.1\tlocalhost\n';
  if (!names.has(spec.hostname)) text += `127.0.1.1\t${spec.hostname}\n`;
  return text;
}

function withNewline(s: string): string {
  return s === '' || s.endsWith('\n') ? s : `${s}\n`;
}
