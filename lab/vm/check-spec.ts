// Validates a VmSpec before anything is created, naming the VM and the faulty field.
import { isAbsolute } from 'node:path';
import { ArgsError } from '../../core/errors.ts';
import { inSubnet, parseInterfaceAddress, parseIp } from '../../core/ipv4.ts';
import type { VmSpec } from './types.ts';

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** SSH host key file stems by accepted type name. */
export const HOST_KEY_FILES: Record<string, string> = {
  ed25519: 'ed25519', 'ssh-ed25519': 'ed25519',
  ecdsa: 'ecdsa', 'ecdsa-sha2-nistp256': 'ecdsa', 'ecdsa-sha2-nistp384': 'ecdsa', 'ecdsa-sha2-nistp521': 'ecdsa',
  rsa: 'rsa', 'ssh-rsa': 'rsa',
};

/** Throws ArgsError (host = spec name, field = the path of the bad field) unless `spec` is usable. */
export function checkSpec(spec: VmSpec): void {
  const host = typeof spec?.name === 'string' ? spec.name : undefined;
  const bad = (field: string, why: string): never => {
    throw new ArgsError(`VM spec: ${why}`, { host, field });
  };
  if (!host || !NAME.test(host)) bad('name', `name must match ${NAME}, got ${JSON.stringify(spec?.name)}`);
  if (typeof spec.hostname !== 'string' || !HOSTNAME.test(spec.hostname)) bad('hostname', `not a valid hostname: ${JSON.stringify(spec.hostname)}`);
  if (!Array.isArray(spec.nics) || spec.nics.length === 0) bad('nics', 'a VM needs at least one NIC');
  const seen = { tap: new Set<string>(), mac: new Set<string>(), ifname: new Set<string>() };
  spec.nics.forEach((nic, i) => {
    const f = `nics[${i}]`;
    if (typeof nic.netns !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(nic.netns)) bad(`${f}.netns`, `not a netns name: ${JSON.stringify(nic.netns)}`);
    for (const k of ['bridge', 'tap', 'ifname'] as const) {
      if (typeof nic[k] !== 'string' || !IFNAME.test(nic[k])) bad(`${f}.${k}`, `not an interface name (1–15 of A-Z a-z 0-9 _ . -): ${JSON.stringify(nic[k])}`);
    }
    if (typeof nic.mac !== 'string' || !MAC.test(nic.mac)) bad(`${f}.mac`, `not a MAC address: ${JSON.stringify(nic.mac)}`);
    if (parseInt(nic.mac.slice(0, 2), 16) & 1) bad(`${f}.mac`, `${nic.mac} is a multicast address`);
    const mac = nic.mac.toLowerCase();
    for (const [k, v] of [['tap', `${nic.netns}/${nic.tap}`], ['mac', mac], ['ifname', nic.ifname]] as const) {
      if (seen[k].has(v)) bad(`${f}.${k}`, `duplicate ${k} ${v}`);
      seen[k].add(v);
    }
    if (!Array.isArray(nic.addresses)) bad(`${f}.addresses`, 'must be a list of CIDR addresses');
    nic.addresses.forEach((a, j) => {
      if (typeof a !== 'string' || !parseInterfaceAddress(a)) bad(`${f}.addresses[${j}]`, `not an IPv4 CIDR address: ${JSON.stringify(a)}`);
    });
  });
  if (spec.gateway !== undefined) {
    const gw = parseIp(spec.gateway);
    if (gw === null) bad('gateway', `not an IPv4 address: ${JSON.stringify(spec.gateway)}`);
    if (gatewayNic(spec) < 0) bad('gateway', `${spec.gateway} is in no NIC's subnet`);
  }
  if (typeof spec.authorizedKeys !== 'string' || !spec.authorizedKeys.trim()) bad('authorizedKeys', 'no authorized key: nobody could log in');
  if (!Array.isArray(spec.hostKeys) || spec.hostKeys.length === 0) bad('hostKeys', 'at least one SSH host key is needed');
  const stems = new Set<string>();
  spec.hostKeys.forEach((k, i) => {
    const stem = HOST_KEY_FILES[k.type];
    if (!stem) bad(`hostKeys[${i}].type`, `unknown key type ${JSON.stringify(k.type)} (ed25519, ecdsa or rsa)`);
    if (stems.has(stem as string)) bad(`hostKeys[${i}].type`, `two ${stem} host keys`);
    stems.add(stem as string);
    if (typeof k.privateKey !== 'string' || !k.privateKey.includes('PRIVATE KEY')) bad(`hostKeys[${i}].privateKey`, 'not a private key file');
    if (typeof k.publicKey !== 'string' || !/^\S+ \S+/.test(k.publicKey)) bad(`hostKeys[${i}].publicKey`, 'not a public key line');
  });
  if (typeof spec.etcHosts !== 'string') bad('etcHosts', 'must be the text of /etc/hosts');
  if (spec.aptProxy !== undefined && !/^http:\/\/[A-Za-z0-9.-]+(:\d+)?\/?$/.test(spec.aptProxy)) bad('aptProxy', `not http://HOST[:PORT]: ${JSON.stringify(spec.aptProxy)}`);
  if (spec.nicModel !== undefined && !['virtio-net-pci', 'e1000'].includes(spec.nicModel)) bad('nicModel', `must be virtio-net-pci or e1000 (TSIBLE_LAB_VM_NIC), got ${JSON.stringify(spec.nicModel)}`);
  if (spec.memoryMb !== undefined && (!Number.isInteger(spec.memoryMb) || spec.memoryMb < 128 || spec.memoryMb > 16384)) bad('memoryMb', `must be an integer from 128 to 16384, got ${spec.memoryMb}`);
  for (const k of ['workDir', 'cacheDir'] as const) {
    if (typeof spec[k] !== 'string' || !isAbsolute(spec[k])) bad(k, `must be an absolute path, got ${JSON.stringify(spec[k])}`);
  }
}

/** Index of the NIC whose subnet holds the gateway (-1: none, or no gateway). */
export function gatewayNic(spec: VmSpec): number {
  const gw = spec.gateway === undefined ? null : parseIp(spec.gateway);
  if (gw === null) return -1;
  return spec.nics.findIndex((n) => n.addresses.some((a) => {
    const c = parseInterfaceAddress(a);
    return c !== null && inSubnet(gw, c.subnet);
  }));
}
