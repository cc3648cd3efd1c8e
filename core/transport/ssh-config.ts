// A small ~/.ssh/config reader: Host blocks with wildcard patterns, first value wins, for the keys tsible uses.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { homedir, userInfo } from 'node:os';
import { ArgsError } from '../errors.ts';
import { matchPattern, matchPatternList } from './pattern.ts';

/** One `Keyword value` line, inside the Host (or Match) block that precedes it. */
interface ConfigLine {
  keyword: string;
  args: string[];
  line: number;
}

interface ConfigBlock {
  /** Host patterns; null for a Match block (not supported: never applies). */
  patterns: string[] | null;
  lines: ConfigLine[];
}

/** What ssh_config says about one host alias. Fields are absent when the config says nothing. */
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  /** IdentityFile values, in order, with `~` and `%` tokens expanded. */
  identityFiles: string[];
  /** ProxyJump hops, outermost first; [] when `ProxyJump none`. */
  proxyJump?: string[];
  /** ProxyCommand as written (tokens %h %p %r expanded by the transport); 'none' when disabled. */
  proxyCommand?: string;
  /** StrictHostKeyChecking: 'refuse' for yes/ask (an unknown key is refused), 'accept-new' for accept-new/no/off. */
  hostKeyChecking?: 'refuse' | 'accept-new';
}

/** A parsed ssh_config file. */
export class SshConfig {
  private constructor(
    private readonly blocks: ConfigBlock[],
    readonly file: string,
  ) {}

  /** Parses config text; `file` names it in error messages and anchors relative Include paths. */
  static parse(text: string, file = 'ssh_config'): SshConfig {
    const blocks: ConfigBlock[] = [{ patterns: ['*'], lines: [] }];
    parseInto(blocks, text, file, dirname(file), 0);
    return new SshConfig(blocks, file);
  }

  /** Reads a config file; a missing file is an empty config. */
  static load(file: string): SshConfig {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return SshConfig.parse(text, file);
  }

  /** The settings for `alias` (the name given to ssh), OpenSSH-style: the first value found wins. */
  resolve(alias: string): SshHostConfig {
    const first = new Map<string, ConfigLine>();
    const identity: ConfigLine[] = [];
    for (const block of this.blocks) {
      if (!block.patterns || !matchPatternList(block.patterns, alias)) continue;
      for (const l of block.lines) {
        if (l.keyword === 'identityfile') identity.push(l);
        else if (!first.has(l.keyword)) first.set(l.keyword, l);
      }
    }
    const out: SshHostConfig = { identityFiles: [] };
    const hostName = first.get('hostname');
    out.hostName = hostName ? expand(hostName.args[0] ?? alias, { h: alias }) : undefined;
    const host = out.hostName ?? alias;
    const user = first.get('user');
    if (user) out.user = user.args[0];
    const port = first.get('port');
    if (port) {
      const n = Number(port.args[0]);
      if (!Number.isInteger(n) || n < 1 || n > 65535) {
        throw new ArgsError(`bad Port "${port.args[0]}"`, { file: this.file, line: port.line, field: 'Port' });
      }
      out.port = n;
    }
    const tokens = { h: host, r: out.user ?? localUser(), p: String(out.port ?? 22), n: alias };
    out.identityFiles = identity.filter((l) => l.args[0] && l.args[0].toLowerCase() !== 'none').map((l) => expand(l.args[0], tokens));
    const proxyCommand = first.get('proxycommand');
    if (proxyCommand) out.proxyCommand = proxyCommand.args.join(' ');
    const strict = first.get('stricthostkeychecking');
    if (strict) {
      const v = (strict.args[0] ?? '').toLowerCase();
      if (['yes', 'ask'].includes(v)) out.hostKeyChecking = 'refuse';
      else if (['no', 'off', 'accept-new'].includes(v)) out.hostKeyChecking = 'accept-new';
      else throw new ArgsError(`bad StrictHostKeyChecking "${strict.args[0] ?? ''}"`, { file: this.file, line: strict.line, field: 'StrictHostKeyChecking' });
    }
    const jump = first.get('proxyjump');
    if (jump) {
      const value = jump.args.join(' ');
      out.proxyJump = value.toLowerCase() === 'none' ? [] : value.split(',').map((s) => s.trim()).filter(Boolean);
    }
    return out;
  }
}

/**
 * Adds the lines of `text` to `blocks`. `Include` files (relative to `~/.ssh`, i.e. the config's
 * directory; wildcards in the last path part) are read in place; a Host in an included file
 * ends at that file's end, and the including block continues after it, as in OpenSSH.
 */
function parseInto(blocks: ConfigBlock[], text: string, file: string, baseDir: string, depth: number): void {
  if (depth > 16) throw new ArgsError('Include nested too deeply', { file });
  text.split('\n').forEach((raw, i) => {
    const words = splitLine(raw, file, i + 1);
    if (!words.length) return;
    const keyword = words[0].toLowerCase();
    const args = words.slice(1);
    if (keyword === 'host') blocks.push({ patterns: args, lines: [] });
    else if (keyword === 'match') blocks.push({ patterns: null, lines: [] });
    else if (keyword === 'include') {
      const outer = blocks[blocks.length - 1];
      for (const arg of args) {
        for (const inc of expandInclude(arg, baseDir)) {
          let incText: string;
          try {
            incText = readFileSync(inc, 'utf8');
          } catch {
            continue; // OpenSSH ignores Include files it cannot read
          }
          parseInto(blocks, incText, inc, baseDir, depth + 1);
          blocks.push({ patterns: outer.patterns, lines: [] });
        }
      }
    } else blocks[blocks.length - 1].lines.push({ keyword, args, line: i + 1 });
  });
}

/** The files an Include argument names, sorted (wildcards allowed in the file name only). */
function expandInclude(arg: string, baseDir: string): string[] {
  let path = arg === '~' || arg.startsWith('~/') ? homedir() + arg.slice(1) : arg;
  if (!isAbsolute(path)) path = join(baseDir, path);
  const name = basename(path);
  if (!/[*?]/.test(name)) return [path];
  try {
    return readdirSync(dirname(path))
      .filter((n) => matchPattern(name, n))
      .sort()
      .map((n) => join(dirname(path), n));
  } catch {
    return [];
  }
}

/** The default config file: ~/.ssh/config. */
export function defaultSshConfigFile(): string {
  return `${homedir()}/.ssh/config`;
}

/** The user running tsible (OpenSSH's default login name). */
export function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}

/** Expands a leading `~/` and the `%` tokens OpenSSH documents (%h %r %p %n %u %d %%). */
function expand(value: string, tokens: Record<string, string>): string {
  const home = homedir();
  const all: Record<string, string> = { ...tokens, d: home, u: localUser(), '%': '%' };
  let out = value.replace(/%(.)/g, (m, c: string) => all[c] ?? m);
  if (out === '~' || out.startsWith('~/')) out = home + out.slice(1);
  return out;
}

/** Splits one line into words: `Key value`, `Key=value`, double-quoted words, # comments. */
function splitLine(raw: string, file: string, line: number): string[] {
  const text = raw.trim();
  if (!text || text.startsWith('#')) return [];
  const eq = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(text);
  const body = eq ? `${eq[1]} ${eq[2]}` : text;
  const words: string[] = [];
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /\s/.test(body[i])) i++;
    if (i >= body.length || body[i] === '#') break;
    if (body[i] === '"') {
      const end = body.indexOf('"', i + 1);
      if (end < 0) throw new ArgsError('unterminated quote', { file, line });
      words.push(body.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < body.length && !/\s/.test(body[j])) j++;
      words.push(body.slice(i, j));
      i = j;
    }
  }
  return words;
}
