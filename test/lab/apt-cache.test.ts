// @lab apt through the lab's proxy: hosts install from the Debian mirror, and a second lab downloads nothing again.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { labDown, labUp } from '../../lab/index.ts';
import { isCacheable } from '../../lab/apt-proxy.ts';
import { run } from '../../lab/run.ts';
import { teardownSharedLab } from '../support/lab.ts';
import { isRoot, needs } from '../support/needs.ts';

const stateDir = '/var/lib/tsible/lab-test-apt';
const log = `${stateDir}/apt-proxy.log`;

async function logLines(from: number): Promise<string[]> {
  return existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean).slice(from) : [];
}

/** Up chapter1, install `less` on DebianWeb1 through the proxy, down; returns the proxy log lines of that round. */
async function round(): Promise<string[]> {
  const before = (await logLines(0)).length;
  await labUp('chapter1', { stateDir, kind: 'container' });
  try {
    const r = await run(['ssh', '-F', `${stateDir}/ssh_config`, 'DebianWeb1',
      'apt-get -q update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends less >/dev/null && dpkg-query -W -f=\'${Status}\' less']);
    expect(r.stdout).to.equal('install ok installed');
  } finally {
    await labDown({ stateDir });
  }
  return logLines(before);
}

describe('lab: apt through the caching proxy @lab', function () {
  this.timeout(300_000);
  before(async function () {
    needs(this, isRoot, 'needs root (network namespaces, systemd-nspawn); CI runs as root');
    await teardownSharedLab();
  });

  it('installs a package through the proxy; a second lab and the same install fetch no package or index again', async () => {
    const first = await round();
    const path = (l: string) => new URL(l.split(' ')[3]).pathname;
    expect(first.some((l) => / (hit|upstream) 200 .*\/less_.*\.deb$/.test(l)), first.join('\n')).to.equal(true);
    const second = await round();
    const cacheableUpstream = second.filter((l) => l.split(' ')[1] === 'upstream' && isCacheable(path(l)));
    expect(cacheableUpstream, 'fetched upstream again').to.deep.equal([]);
    expect(second.filter((l) => / hit 200 .*\/less_.*\.deb$/.test(l))).to.have.length(1);
    expect(second.every((l) => !/ denied /.test(l))).to.equal(true);
  });
});
