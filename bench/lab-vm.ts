// Bench: VM image build (cold and warm cache) and boot-to-SSH / stop times of lab VMs. Root; `npx tsx bench/lab-vm.ts [--cold] [--vms N]`.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { prepareVmImages, startVm, stopVm, vmSupportReason, type VmHandle } from '../lab/vm/index.ts';

const exec = promisify(execFile);
const argv = process.argv.slice(2);
const cold = argv.includes('--cold');
const vms = Math.min(2, Number(argv[argv.indexOf('--vms') + 1]) || 1); // 2 cores: never more than 2 at once
const cache = process.env.TSIBLE_LAB_CACHE ?? '/var/cache/tsible/lab';
const ns = `tsvm-bench-${process.pid}`;
const secs = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

const why = await vmSupportReason();
if (why) {
  console.log(`lab-vm bench skipped: ${why}`);
  process.exit(0);
}
const dir = await mkdtemp(join(tmpdir(), 'tsible-vm-bench-'));
const handles: VmHandle[] = [];
try {
  if (cold) {
    const t0 = Date.now();
    await prepareVmImages(join(dir, 'cold-cache'), (l) => console.log(`  ${l}`));
    console.log(`image build, cold cache: ${secs(t0)} s`);
    await rm(join(dir, 'cold-cache'), { recursive: true, force: true });
  }
  let t0 = Date.now();
  await prepareVmImages(cache);
  console.log(`image build, ${cache}: ${secs(t0)} s (warm if it was built before)`);
  t0 = Date.now();
  await prepareVmImages(cache);
  console.log(`image build, warm cache: ${secs(t0)} s`);

  for (const k of ['host', 'user']) await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, k)]);
  const hostPub = (await readFile(join(dir, 'host.pub'), 'utf8')).trim();
  const hostKeys = [{ type: 'ed25519', privateKey: await readFile(join(dir, 'host'), 'utf8'), publicKey: hostPub }];
  const authorizedKeys = await readFile(join(dir, 'user.pub'), 'utf8');
  await exec('sh', ['-ec', 'ip netns add "$1"; ip -n "$1" link add br0 type bridge; ip -n "$1" addr add 192.168.243.1/24 dev br0; ip -n "$1" link set br0 up', 'sh', ns]);
  const ips = Array.from({ length: vms }, (_, i) => `192.168.243.${11 + i}`);
  await writeFile(join(dir, 'kh'), ips.map((ip) => `${ip} ${hostPub}\n`).join(''));
  t0 = Date.now();
  for (const [i, ip] of ips.entries()) {
    handles.push(await startVm({
      name: `bench${i}`, hostname: `bench${i}`, authorizedKeys, hostKeys, etcHosts: '127.0.0.1 localhost\n',
      workDir: join(dir, `vm${i}`), cacheDir: cache,
      nics: [{ netns: ns, bridge: 'br0', tap: `tsvmb${i}`, mac: `52:54:00:f2:00:${(11 + i).toString(16).padStart(2, '0')}`, ifname: 'enp0s3', addresses: [`${ip}/24`] }],
    }));
  }
  console.log(`startVm (qemu running) x${vms}: ${secs(t0)} s`);
  await Promise.all(ips.map(async (ip) => {
    for (;;) {
      try {
        await exec('ip', ['netns', 'exec', ns, 'ssh', '-i', join(dir, 'user'), '-o', `UserKnownHostsFile=${join(dir, 'kh')}`,
          '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=3', `root@${ip}`, 'true']);
        console.log(`boot to SSH ${ip}: ${secs(t0)} s`);
        return;
      } catch {
        if (Date.now() - t0 > 300_000) throw new Error(`no SSH on ${ip} after 300 s`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }));
  const t2 = Date.now();
  await exec('ip', ['netns', 'exec', ns, 'ssh', '-i', join(dir, 'user'), '-o', `UserKnownHostsFile=${join(dir, 'kh')}`,
    '-o', 'BatchMode=yes', `root@${ips[0]}`, 'true']);
  console.log(`one new SSH connection + command: ${secs(t2)} s`);
  t0 = Date.now();
  await Promise.all(handles.splice(0).map((h) => stopVm(h)));
  console.log(`stopVm (ACPI power-down) x${vms}: ${secs(t0)} s`);
} finally {
  for (const h of handles) await stopVm(h, { graceMs: 0 }).catch(() => {});
  await exec('ip', ['netns', 'del', ns]).catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
