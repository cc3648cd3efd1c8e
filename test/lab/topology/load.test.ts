// Loading topologies: built-in names, JSON, YAML and TypeScript files; unknown names and broken files are clear errors.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgsError } from '../../../core/errors.ts';
import { loadTopology } from '../../../lab/topology/load.ts';
import { remapSubnet } from '../../../lab/topology/remap.ts';

describe('lab/topology/load', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'tsible-topo-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('returns a copy of a built-in', async () => {
    const t = await loadTopology('chapter4');
    expect(t.hosts.map((h) => h.name)).to.deep.equal(['lb1', 'lb2', 'web1', 'web2', 'web3']);
    t.hosts.pop();
    expect((await loadTopology('chapter4')).hosts).to.have.length(5);
  });
  it('reads YAML, JSON and TypeScript files', async () => {
    const yaml = 'name: mine\nnetworks:\n  - {name: lan, subnet: 10.77.0.0/24, control: 10.77.0.1}\nhosts:\n  - {name: h1, nics: [{network: lan, address: 10.77.0.5}]}\n';
    await writeFile(join(dir, 't.yaml'), yaml);
    expect((await loadTopology(join(dir, 't.yaml'))).name).to.equal('mine');
    await writeFile(join(dir, 't.json'), JSON.stringify({ name: 'j', networks: [{ name: 'lan', subnet: '10.77.0.0/24' }], hosts: [{ name: 'h', nics: [{ network: 'lan', address: '10.77.0.9' }] }] }));
    expect((await loadTopology(join(dir, 't.json'))).hosts[0].name).to.equal('h');
    await writeFile(join(dir, 't.ts'), "export default { name: 'ts', networks: [{ name: 'lan', subnet: '10.77.0.0/24' }], hosts: [{ name: 'h', nics: [{ network: 'lan', address: '10.77.0.9' }] }] };\n");
    expect((await loadTopology(join(dir, 't.ts'))).name).to.equal('ts');
  });
  it('names the file of an invalid or unreadable topology', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'name: bad\nnetworks: []\nhosts: []\n');
    const e = await loadTopology(join(dir, 'bad.yaml')).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ArgsError);
    expect((e as ArgsError).where).to.deep.include({ file: join(dir, 'bad.yaml'), field: 'networks' });
    const missing = await loadTopology(join(dir, 'none.json')).catch((x: unknown) => x);
    expect((missing as ArgsError).where.file).to.equal(join(dir, 'none.json'));
    expect(String(await loadTopology('chapter9').catch((x: Error) => x.message))).to.match(/not a built-in \(chapter1, chapter2, chapter3, chapter4\)/);
  });
  it('moves a network to another subnet, keeping host parts and gateways', async () => {
    const t = remapSubnet(await loadTopology('chapter2'), 'internal', '10.20.30.0/24');
    expect(t.hosts.find((h) => h.name === 'web2')).to.deep.include({ gateway: '10.20.30.254' });
    expect(t.hosts.find((h) => h.name === 'lb')!.nics.map((n) => n.address)).to.deep.equal(['192.168.56.10', '10.20.30.254']);
    expect(() => remapSubnet(t, 'internal', '10.20.0.0/16')).to.throw(ArgsError, /is a \/24/);
  });
});
