// A valid VmSpec for the pure tests of lab/vm (keys are placeholders: nothing here boots).
import type { VmSpec } from '../../../lab/vm/types.ts';

/** A one-NIC spec; `over` replaces top-level fields. */
export function sampleSpec(over: Partial<VmSpec> = {}): VmSpec {
  return {
    name: 'lb1',
    hostname: 'lb1',
    nics: [{ netns: 'tsible-lab', bridge: 'br-pub', tap: 'vt-lb1-0', mac: '52:54:00:38:00:0b', ifname: 'enp0s3', addresses: ['192.168.56.11/24'] }],
    gateway: '192.168.56.1',
    authorizedKeys: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBogus user@control',
    hostKeys: [{ type: 'ed25519', privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nbogus\n-----END OPENSSH PRIVATE KEY-----\n', publicKey: 'ssh-ed25519 AAAAhostkey root@lb1' }],
    etcHosts: '127.0.0.1 localhost\n192.168.56.11 lb1\n',
    workDir: '/var/lib/tsible/lab/lb1',
    cacheDir: '/var/cache/tsible/lab',
    ...over,
  };
}
