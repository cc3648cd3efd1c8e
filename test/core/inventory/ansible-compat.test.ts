// Compatibility with real Ansible: `ansible-inventory --list` and host patterns vs tsible on a corpus of real inventories (test/fixtures/inventory/compat).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadInventory } from '../../../core/inventory/load.ts';
import { selectHosts } from '../../../core/inventory/pattern.ts';
import { renderInventoryGraph } from '../../../core/inventory/render-graph.ts';
import { renderInventoryList } from '../../../core/inventory/render-list.ts';
import { isSecretName } from '../../../core/inventory/secret-vars.ts';
import { FIXTURES } from './helpers.ts';

const run = promisify(execFile);
const CORPUS = join(FIXTURES, 'compat');

interface Source {
  slug: string;
  file: string;
  repo: string;
  path: string;
  commit: string;
}
const SOURCES: Source[] = JSON.parse(readFileSync(join(CORPUS, 'sources.json'), 'utf8'));

/** Where tsible deliberately differs (docs/inventory.md, "Differences from Ansible"): a source's reason, checked to still differ. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'inventory--1--2--inventory.yml': 'inventory plugin configurations (here constructed) are refused with an error',
  'docs--intro_inventory-L354_yml': 'an unknown key in a YAML group (here a host under a top-level "hosts:") is an error; Ansible warns and skips it',
};

/**
 * Ansible tries its INI plugin on a .toml file before the TOML one; the INI attempt fails, but the
 * empty groups of the section headers it read first (`[all.vars]` → group "all.vars") stay in the
 * inventory. tsible reads a .toml file as TOML only: those phantom groups are dropped from Ansible's answer.
 */
function dropIniLeftovers(json: unknown, file: string): unknown {
  if (!file.endsWith('.toml')) return json;
  const out = structuredClone(json) as Record<string, { hosts?: string[]; children?: string[] }>;
  const phantom = (g: string): boolean => g.includes('.') && !out[g];
  for (const entry of Object.values(out)) if (entry.children) entry.children = entry.children.filter((c) => !phantom(c));
  return out;
}

/** Ansible's outcome for one source: its --list JSON, or failed (it could not parse the source). */
type Outcome = { ok: true; json: unknown } | { ok: false; error: string };

const ANSIBLE_ENV = {
  ...process.env,
  ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', // a source no plugin can read is an error, not a warning and an empty inventory
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_LOCALHOST_WARNING: 'false',
  ANSIBLE_DEPRECATION_WARNINGS: 'false',
  ANSIBLE_HOME: join(process.env.TMPDIR ?? '/tmp', 'tsible-ansible-compat'),
};

/** TSIBLE_ANSIBLE_CACHE=DIR keeps Ansible's answers between runs while developing (keyed by the folder's files). */
const CACHE = process.env.TSIBLE_ANSIBLE_CACHE;

async function ansibleList(dir: string, file: string): Promise<Outcome> {
  const key = CACHE ? join(CACHE, createHash('sha256').update(folderText(dir)).digest('hex')) : undefined;
  if (key && existsSync(key)) return JSON.parse(readFileSync(key, 'utf8'));
  const outcome = await ansibleListUncached(dir, file);
  if (key) {
    mkdirSync(CACHE!, { recursive: true });
    writeFileSync(key, JSON.stringify(outcome));
  }
  return outcome;
}

function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
    const path = join(dir, f);
    return statSync(path).isFile() ? `${f}\0${readFileSync(path, 'utf8')}` : f;
  }).join('\0');
}

async function ansibleListUncached(dir: string, file: string): Promise<Outcome> {
  try {
    const { stdout } = await run('ansible-inventory', ['-i', `./${file}`, '--list'], { cwd: dir, env: ANSIBLE_ENV, maxBuffer: 1 << 26 });
    return { ok: true, json: JSON.parse(stdout) };
  } catch (err) {
    return { ok: false, error: String((err as { stderr?: string }).stderr ?? err).trim().split('\n').slice(-3).join(' ') };
  }
}

async function tsibleList(dir: string, file: string): Promise<Outcome> {
  try {
    const inv = await loadInventory([`./${file}`], { cwd: dir });
    return { ok: true, json: JSON.parse(renderInventoryList(inv)) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Ansible's JSON with tsible's one deliberate change applied: values under secret-looking names print as "***". */
function maskSecrets(v: unknown, name?: string): unknown {
  if (name !== undefined && isSecretName(name) && (typeof v === 'string' || typeof v === 'number')) return '***';
  if (Array.isArray(v)) return v.map((x) => maskSecrets(x, name));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskSecrets(x, k)]));
  return v;
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

async function haveAnsible(): Promise<boolean> {
  try {
    await run('ansible-inventory', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('Ansible compatibility: ansible-inventory --list on a corpus of real inventories', function () {
  this.timeout(600_000);
  const ansible = new Map<string, Outcome>();

  before(async function () {
    if (!(await haveAnsible())) {
      console.log('      SKIPPED: ansible-inventory is not installed (scripts/install-deps.sh installs Debian\'s ansible-core)');
      this.skip();
    }
    const outcomes = await pool(SOURCES, 3, (s) => ansibleList(join(CORPUS, s.slug), s.file));
    SOURCES.forEach((s, i) => ansible.set(s.slug, outcomes[i]));
  });

  it(`has ${SOURCES.length} sources, each with repository, path and commit`, () => {
    expect(SOURCES.length).to.be.greaterThan(90);
    for (const s of SOURCES) expect(s.repo && s.path && /^[0-9a-f]{40}$/.test(s.commit), s.slug).to.be.ok;
  });

  const results: { slug: string; equal: boolean }[] = [];
  after(() => {
    if (results.length) console.log(`      ${results.filter((r) => r.equal).length} of ${results.length} sources give Ansible's --list`);
  });

  for (const s of SOURCES) {
    it(`${s.slug} (${s.repo} ${s.path})`, async () => {
      const theirs = ansible.get(s.slug)!;
      const ours = await tsibleList(join(CORPUS, s.slug), s.file);
      const expected = theirs.ok ? maskSecrets(dropIniLeftovers(theirs.json, s.file)) : undefined;
      const equal = theirs.ok && ours.ok ? JSON.stringify(ours.json) === JSON.stringify(expected) : theirs.ok === ours.ok;
      results.push({ slug: s.slug, equal });
      const known = KNOWN_DIFFERENCES[s.slug];
      if (known) {
        expect(equal, `listed as a known difference (${known}) but now equal: remove it from KNOWN_DIFFERENCES`).to.equal(false);
        return;
      }
      if (!theirs.ok || !ours.ok) {
        expect({ tsible: ours.ok ? 'read it' : ours.error }, `Ansible: ${theirs.ok ? 'read it' : theirs.error}`).to.deep.equal({ tsible: theirs.ok ? 'read it' : (ours as { error: string }).error });
        return;
      }
      expect(ours.json).to.deep.equal(expected);
    });
  }
});


/** Sources for the pattern comparison: varied shapes (INI, YAML, nested children, ranges, script, TOML). */
const PATTERN_SOURCES = [
  'plugin-ini-example1', 'plugin-ini-example2', 'plugin-yaml-example', 'plugin-toml-example1', 'inventory_script', 'docs--intro_inventory-L91_yml',
  'docs--first_inventory-L143_yml', 'delegate_to--inventory', 'docs--intro_inventory-L183', 'callback_default--inventory',
];

/** The patterns tried on each source; G1 and G2 are its first two groups (other than all and ungrouped) with hosts. */
const PATTERNS = ['all', '*', 'all[0]', 'all[2]', 'all[-1]', 'all[1:3]', 'all[12]', 'all[1:]', 'G1', 'G1:G2', 'G2,G1', 'G1:&G2', 'G1:!G2', '!G1', '~.*[13]', 'G1[0]', 'G1*', 'ungrouped:G2[-1]'];

/** `ansible PATTERN --list-hosts`: the host names, or [] when Ansible matches nothing (it only warns). */
async function ansibleListHosts(dir: string, file: string, pattern: string): Promise<string[]> {
  const key = CACHE ? join(CACHE, createHash('sha256').update(`${pattern}\0${folderText(dir)}`).digest('hex')) : undefined;
  if (key && existsSync(key)) return JSON.parse(readFileSync(key, 'utf8'));
  const { stdout } = await run('ansible', [pattern, '-i', `./${file}`, '--list-hosts'], { cwd: dir, env: ANSIBLE_ENV }).catch((err) => ({ stdout: String(err.stdout ?? '') }));
  const names = stdout.split('\n').filter((l) => /^ {4}\S/.test(l)).map((l) => l.trim());
  if (key) writeFileSync(key, JSON.stringify(names));
  return names;
}

describe('Ansible compatibility: host patterns (ansible PATTERN --list-hosts) on the corpus', function () {
  this.timeout(600_000);
  const cases: { slug: string; file: string; pattern: string }[] = [];
  const theirs = new Map<string, string[]>();
  const results: boolean[] = [];

  before(async function () {
    if (!(await haveAnsible())) {
      console.log('      SKIPPED: ansible is not installed (scripts/install-deps.sh installs Debian\'s ansible-core)');
      this.skip();
    }
    for (const slug of PATTERN_SOURCES) {
      const source = SOURCES.find((s) => s.slug === slug)!;
      const dir = join(CORPUS, slug);
      const inv = await loadInventory([`./${source.file}`], { cwd: dir });
      const [g1, g2] = [...inv.groups.values()].filter((g) => g.name !== 'all' && g.name !== 'ungrouped' && g.hosts.length).map((g) => g.name);
      for (const p of PATTERNS) {
        if ((p.includes('G1') && !g1) || (p.includes('G2') && !g2)) continue;
        cases.push({ slug, file: source.file, pattern: p.replace(/G1/g, g1).replace(/G2/g, g2) });
      }
    }
    if (CACHE) mkdirSync(CACHE, { recursive: true });
    const answers = await pool(cases, 3, (c) => ansibleListHosts(join(CORPUS, c.slug), c.file, c.pattern));
    cases.forEach((c, i) => theirs.set(`${c.slug} ${c.pattern}`, answers[i]));
  });
  after(() => {
    if (results.length) console.log(`      ${results.filter(Boolean).length} of ${results.length} pattern cases select Ansible's hosts in Ansible's order`);
  });

  it('selects the hosts Ansible selects, in the same order, for every source and pattern', async () => {
    expect(cases.length).to.be.greaterThan(100);
    const wrong: string[] = [];
    for (const c of cases) {
      const expected = theirs.get(`${c.slug} ${c.pattern}`)!;
      const inv = await loadInventory([`./${c.file}`], { cwd: join(CORPUS, c.slug) });
      let ours: string[];
      try {
        ours = selectHosts(inv, c.pattern).map((h) => h.name);
      } catch (err) {
        ours = []; // tsible refuses a pattern that selects nothing (exit 5); Ansible warns and selects nothing
        if (expected.length) wrong.push(`${c.slug} "${c.pattern}": Ansible ${JSON.stringify(expected)}, tsible ${(err as Error).message}`);
      }
      const equal = JSON.stringify(ours) === JSON.stringify(expected);
      results.push(equal);
      if (!equal && ours.length) wrong.push(`${c.slug} "${c.pattern}": Ansible ${JSON.stringify(expected)}, tsible ${JSON.stringify(ours)}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('gives the --list --export JSON Ansible gives (own variables only) for each of these sources', async () => {
    const lists = await pool(PATTERN_SOURCES, 3, async (slug) => {
      const source = SOURCES.find((s) => s.slug === slug)!;
      const dir = join(CORPUS, slug);
      const key = CACHE ? join(CACHE, createHash('sha256').update(`--export\0${folderText(dir)}`).digest('hex')) : undefined;
      let expected: unknown;
      if (key && existsSync(key)) expected = JSON.parse(readFileSync(key, 'utf8'));
      else {
        expected = JSON.parse((await run('ansible-inventory', ['-i', `./${source.file}`, '--list', '--export'], { cwd: dir, env: ANSIBLE_ENV, maxBuffer: 1 << 26 })).stdout);
        if (key) writeFileSync(key, JSON.stringify(expected));
      }
      const inv = await loadInventory([`./${source.file}`], { cwd: dir });
      return { slug, expected: maskSecrets(dropIniLeftovers(expected, source.file)), ours: JSON.parse(renderInventoryList(inv, { export: true })) };
    });
    for (const l of lists) expect(l.ours, l.slug).to.deep.equal(l.expected);
  });

  it('draws the --graph Ansible draws for each of these sources', async () => {
    const graphs = await pool(PATTERN_SOURCES, 3, async (slug) => {
      const source = SOURCES.find((s) => s.slug === slug)!;
      const dir = join(CORPUS, slug);
      const key = CACHE ? join(CACHE, createHash('sha256').update(`--graph\0${folderText(dir)}`).digest('hex')) : undefined;
      let expected: string;
      if (key && existsSync(key)) expected = readFileSync(key, 'utf8');
      else {
        expected = (await run('ansible-inventory', ['-i', `./${source.file}`, '--graph'], { cwd: dir, env: ANSIBLE_ENV })).stdout.trimEnd();
        if (key) writeFileSync(key, expected);
      }
      const inv = await loadInventory([`./${source.file}`], { cwd: dir });
      // The INI plugin's leftover empty groups on a .toml file (see dropIniLeftovers) are not tsible's.
      const leftover = (line: string): boolean => source.file.endsWith('.toml') && /--@[^:]*\.[^:]*:$/.test(line) && !inv.groups.has(line.replace(/^.*--@|:$/g, ''));
      return { slug, expected: expected.split('\n').filter((l) => !leftover(l)).join('\n'), ours: renderInventoryGraph(inv) };
    });
    for (const g of graphs) expect(g.ours, g.slug).to.equal(g.expected);
  });
});
