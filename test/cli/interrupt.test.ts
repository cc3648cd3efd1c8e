// Interrupting `tsible play` (SIGINT, SIGTERM, command timeout) at random moments while it writes files on real sshd hosts and the local connection: every file holds its old or its new content, no temp file is left.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { TEMP_INFIX } from '../../core/transport/put-script.ts';
import { needsRoot } from '../support/needs.ts';
import { SshdLab, type SshdServer } from '../../lab/sshd.ts';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/tsible.js');

/** Rounds per kind of interruption (TSIBLE_INTERRUPT_ROUNDS overrides; the issue asks for >= 50 in all). */
const ROUNDS = Number(process.env.TSIBLE_INTERRUPT_ROUNDS ?? 18);

/** The files every host gets, by size: inline content, two local files, one template. */
const FILES = [
  { name: 'small.txt', bytes: 1000, how: 'content' },
  { name: 'mid.bin', bytes: 1024 * 1024, how: 'src' },
  { name: 'big.bin', bytes: 9 * 1024 * 1024, how: 'src' },
  { name: 'page.txt', bytes: 1536 * 1024, how: 'template' },
] as const;

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

describe('interrupting tsible play mid-write (real sshd on loopback + local connection)', function () {
  this.timeout(0);
  let lab: SshdLab;
  let servers: SshdServer[];
  let work: string;
  let inventory: string;
  let hosts: string[];

  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    servers = await lab.start(3);
    work = join(lab.dir, 'interrupt');
    mkdirSync(join(work, 'files'), { recursive: true });
    mkdirSync(join(work, 'templates'), { recursive: true });
    inventory = join(work, 'inventory.ini');
    writeFileSync(inventory, [
      '[targets]',
      ...servers.map((s) => `${s.name} ansible_host=${s.address} ansible_port=${s.port} ansible_user=root ansible_ssh_private_key_file=${lab.clientKeyFile} tsible_known_hosts=${lab.knownHostsFile}`),
      'here ansible_connection=local',
      '',
    ].join('\n'));
    hosts = [...servers.map((s) => s.name), 'here'];
    writeFileSync(join(work, 'pb.ts'), [
      `import { playbook } from ${JSON.stringify(join(root, 'core/index.ts'))};`,
      `import { copy, template } from ${JSON.stringify(join(root, 'modules/index.ts'))};`,
      'const d = (v: Record<string, any>, f: string) => `${v.dir}/${v.inventory_hostname}/${f}`;',
      'export default playbook({',
      "  name: 'writes', hosts: 'targets', gatherFacts: false,",
      '  tasks: [',
      "    copy((v) => ({ dest: d(v, 'small.txt'), content: v.small, mode: '0644' }), { name: 'small' }),",
      "    copy((v) => ({ dest: d(v, 'mid.bin'), src: 'files/mid.bin', mode: '0644' }), { name: 'mid' }),",
      "    copy((v) => ({ dest: d(v, 'big.bin'), src: 'files/big.bin', mode: '0644' }), { name: 'big' }),",
      "    template((v) => ({ dest: d(v, 'page.txt'), src: 'templates/page.txt.ejs', mode: '0644' }), { name: 'page' }),",
      '  ],',
      '});',
      '',
    ].join('\n'));
  });
  after(() => lab?.stop());

  /** Sets every destination to fresh old content and the sources to fresh new content; returns both checksums per file. */
  function prepare(round: number): { dir: string; small: string; old: Map<string, string>; next: Map<string, string> } {
    const dir = join(work, `round${round}`);
    const old = new Map<string, string>();
    const next = new Map<string, string>();
    const small = randomBytes(FILES[0].bytes / 2).toString('hex');
    for (const f of FILES) {
      const content = f.how === 'content' ? Buffer.from(small) : f.how === 'template' ? Buffer.from(randomBytes((f.bytes * 3) / 4).toString('base64')) : randomBytes(f.bytes);
      if (f.how === 'src') writeFileSync(join(work, 'files', f.name), content);
      if (f.how === 'template') writeFileSync(join(work, 'templates', 'page.txt.ejs'), content);
      next.set(f.name, sha(content));
      const before = randomBytes(f.bytes / 3);
      old.set(f.name, sha(before));
      for (const h of hosts) {
        mkdirSync(join(dir, h), { recursive: true });
        writeFileSync(join(dir, h, f.name), before);
      }
    }
    return { dir, small, old, next };
  }

  function start(dir: string, small: string, extra: string[] = []): ChildProcess & { out: () => string; exited: Promise<{ code: number | null; signal: string | null; at: number }> } {
    const child = spawn(process.execPath, [bin, 'play', join(work, 'pb.ts'), '-i', inventory, '-e', `dir=${dir}`, '-e', `small=${small}`, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    return Object.assign(child, { out: () => out, exited });
  }

  /**
   * Once tsible exited, a host whose connection it closed mid-write is still ending the put script
   * (end of input, byte count short, temp file removed): wait for that, up to 5 s, and record how long it took.
   */
  async function settle(r: ReturnType<typeof prepare>, exitedAt: number): Promise<void> {
    const temps = () => hosts.flatMap((h) => readdirSync(join(r.dir, h)).filter((n) => n.includes(TEMP_INFIX)));
    while (temps().length && Date.now() - exitedAt < 5000) await new Promise((res) => setTimeout(res, 20));
    totals.settleMs = Math.max(totals.settleMs, Date.now() - exitedAt);
  }

  /** Compares every destination with its old and new checksums; lists temp files left. */
  function inspect(r: ReturnType<typeof prepare>): { old: number; next: number; other: string[]; temps: string[] } {
    const tally = { old: 0, next: 0, other: [] as string[], temps: [] as string[] };
    for (const h of hosts) {
      for (const name of readdirSync(join(r.dir, h))) if (name.includes(TEMP_INFIX)) tally.temps.push(`${h}/${name}`);
      for (const f of FILES) {
        const got = sha(readFileSync(join(r.dir, h, f.name)));
        if (got === r.old.get(f.name)) tally.old++;
        else if (got === r.next.get(f.name)) tally.next++;
        else tally.other.push(`${h}/${f.name}`);
      }
    }
    return tally;
  }

  let fullRunMs = 0;
  const totals = { settleMs: 0, rounds: 0, old: 0, next: 0, other: [] as string[], temps: [] as string[], mixed: 0 };

  it('an uninterrupted run writes every file (and measures how long a run takes)', async () => {
    const r = prepare(0);
    const t0 = Date.now();
    const p = start(r.dir, r.small);
    const e = await p.exited;
    fullRunMs = e.at - t0;
    expect(e.code, p.out()).to.equal(0);
    const tally = inspect(r);
    expect(tally).to.deep.equal({ old: 0, next: FILES.length * hosts.length, other: [], temps: [] });
    rmSync(r.dir, { recursive: true });
  });

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${ROUNDS} runs each sent ${sig} at a random moment: every file old or new, no temp file, exit ${sig === 'SIGINT' ? 130 : 143} within the grace period`, async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const r = prepare(totals.rounds + 1);
        const p = start(r.dir, r.small);
        const delay = Math.random() * fullRunMs;
        await new Promise((res) => setTimeout(res, delay));
        const sentAt = Date.now();
        p.kill(sig);
        const e = await p.exited;
        await settle(r, e.at);
        const tally = inspect(r);
        totals.rounds++;
        totals.old += tally.old;
        totals.next += tally.next;
        totals.other.push(...tally.other.map((x) => `${sig} round ${i}: ${x}`));
        totals.temps.push(...tally.temps.map((x) => `${sig} round ${i}: ${x}`));
        if (tally.old && tally.next) totals.mixed++;
        rmSync(r.dir, { recursive: true });
        expect(tally.other, p.out()).to.deep.equal([]);
        expect(tally.temps, p.out()).to.deep.equal([]);
        if (e.code === 0) continue; // the run ended before the signal arrived
        if (e.signal === sig) {
          // Killed before tsible listened for signals (still loading): nothing was written.
          expect(tally.next, p.out()).to.equal(0);
          continue;
        }
        expect(e.code, p.out()).to.equal(sig === 'SIGINT' ? 130 : 143);
        expect(p.out()).to.include(`INTERRUPTED by ${sig}`);
        expect(e.at - sentAt, 'exits within the grace period and the closing of connections').to.be.below(8000);
      }
    });
  }

  it(`${ROUNDS} runs with a command timeout (tsible_command_timeout) shorter than the big writes: every file old or new, no temp file`, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const r = prepare(totals.rounds + 1);
      const timeout = (0.05 + Math.random() * 0.6).toFixed(2);
      const p = start(r.dir, r.small, ['-e', `tsible_command_timeout=${timeout}`]);
      const e = await p.exited;
      await settle(r, e.at);
      const tally = inspect(r);
      totals.rounds++;
      totals.old += tally.old;
      totals.next += tally.next;
      if (tally.old && tally.next) totals.mixed++;
      expect(tally.other, p.out()).to.deep.equal([]);
      expect(tally.temps, p.out()).to.deep.equal([]);
      expect(e.code, p.out()).to.be.oneOf([0, 2]);
      rmSync(r.dir, { recursive: true });
    }
  });

  it('in all: >= 50 interruptions, 0 files in any other state, 0 temp files, and interruptions did land mid-run', () => {
    console.log(`      ${totals.rounds} interrupted runs: ${totals.old} files kept their old content, ${totals.next} got the new one, ${totals.other.length} other, ${totals.temps.length} temp files (hosts had removed theirs within ${totals.settleMs} ms of tsible's exit); ${totals.mixed} runs stopped between old and new (full run ${fullRunMs} ms)`);
    expect(totals.other).to.deep.equal([]);
    expect(totals.temps).to.deep.equal([]);
    if (ROUNDS >= 17) expect(totals.rounds).to.be.at.least(50);
    expect(totals.mixed, 'some runs were cut between the first and the last write').to.be.above(0);
  });
});
