// Ansible-style console output: PLAY/TASK banners, one status line per host, diffs, PLAY RECAP.
import type { RunReporter } from '../core/engine/events.ts';
import type { HostStats, HostTaskResult } from '../core/engine/results.ts';
import { banner, recapLine } from './banner.ts';
import { palette, type Palette } from './colors.ts';
import { unifiedDiff } from './unified-diff.ts';

export interface ConsoleOptions {
  write: (text: string) => void;
  color: boolean;
  /** -v count: 1 shows each result's data. */
  verbosity: number;
  /** --diff: show file diffs. */
  diff: boolean;
}

export class ConsoleReporter implements RunReporter {
  private readonly c: Palette;
  constructor(private readonly o: ConsoleOptions) {
    this.c = palette(o.color);
  }

  private line(s = ''): void {
    this.o.write(`${s}\n`);
  }

  playStart(play: { name: string; check: boolean }): void {
    this.line();
    this.line(banner(`PLAY [${play.name}]${play.check ? ' (check mode)' : ''}`));
  }

  taskStart(task: { name: string; handler: boolean }): void {
    this.line();
    this.line(banner(`${task.handler ? 'RUNNING HANDLER' : 'TASK'} [${task.name}]`));
  }

  hostResult(_task: { name: string }, r: HostTaskResult): void {
    if (r.items) {
      for (const item of r.items) this.one(item, ` => (item=${itemLabel(item.item)})`);
      if (r.status === 'failed' || r.status === 'unreachable') this.one({ ...r, items: undefined, changes: [], diffs: [] }, '');
      return;
    }
    this.one(r, '');
  }

  private one(r: HostTaskResult, suffix: string): void {
    const c = this.c;
    if (this.o.diff) for (const d of r.diffs) this.line(colorDiff(unifiedDiff(d), c));
    const host = `[${r.host}]`;
    const detail = this.o.verbosity > 0 ? ` => ${JSON.stringify(r.data)}` : '';
    switch (r.status) {
      case 'ok':
        this.line(c.ok(`ok: ${host}${suffix}${detail || msgPart(r)}`));
        break;
      case 'changed':
        this.line(c.changed(`changed: ${host}${suffix}${detail}`));
        for (const s of r.changes) this.line(c.changed(`    ${r.check ? 'would ' : ''}${s}`));
        break;
      case 'skipped':
        this.line(c.skipped(`skipping: ${host}${suffix}`));
        break;
      case 'unreachable':
        this.line(c.failed(`fatal: ${host}: UNREACHABLE! => ${JSON.stringify({ changed: false, msg: r.data.msg, unreachable: true })}`));
        break;
      case 'failed':
        this.line(c.failed(`fatal: ${host}${suffix}: FAILED! => ${JSON.stringify(this.o.verbosity > 0 ? r.data : { changed: r.data.changed, msg: r.data.msg, ...pick(r.data, ['rc', 'stderr']) })}`));
        if (r.ignored) this.line(c.skipped('...ignoring'));
        break;
    }
  }

  notice(message: string): void {
    this.line(this.c.failed(message));
  }

  recap(stats: Map<string, HostStats>): void {
    const c = this.c;
    this.line();
    this.line(banner('PLAY RECAP'));
    // By character code, as Ansible's sorted() (and no collator to load: localeCompare's first call cost 10 ms).
    for (const [host, s] of [...stats].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const hostColor = s.unreachable || s.failed ? c.failed : s.changed ? c.changed : c.ok;
      this.line(recapLine(host, s, {
        host: hostColor,
        field: (n, t) => (n === 'ok' ? c.ok(t) : n === 'changed' ? c.changed(t) : n === 'skipped' || n === 'ignored' || n === 'rescued' ? c.skipped(t) : c.failed(t)),
      }));
    }
    this.line();
  }
}

function msgPart(r: HostTaskResult): string {
  return typeof r.data.msg === 'string' && r.data.msg ? ` => ${r.data.msg}` : '';
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined && o[k] !== '').map((k) => [k, o[k]]));
}

function itemLabel(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}

function colorDiff(text: string, c: Palette): string {
  return text.split('\n').map((l) => (l.startsWith('+') && !l.startsWith('+++') ? c.ok(l) : l.startsWith('-') && !l.startsWith('---') ? c.failed(l) : l.startsWith('@@') ? c.skipped(l) : l)).join('\n');
}
