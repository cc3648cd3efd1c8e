// Ad hoc output as Ansible prints it: `host | CHANGED | rc=0 >>` + output for commands, `host | SUCCESS => {json}` otherwise (-o: one line each).
import type { RunReporter } from '../core/engine/events.ts';
import type { HostStats, HostTaskResult } from '../core/engine/results.ts';
import { palette, type Palette } from './colors.ts';
import { unifiedDiff } from './unified-diff.ts';

export class AdhocReporter implements RunReporter {
  private readonly c: Palette;
  constructor(private readonly o: { write: (t: string) => void; color: boolean; diff: boolean; oneLine?: boolean }) {
    this.c = palette(o.color);
  }
  playStart(): void {}
  taskStart(): void {}
  notice(message: string): void {
    // A playbook's banner: Ansible's ad hoc output (the minimal callback) has no such line after a failed host.
    if (message === 'NO MORE HOSTS LEFT') return;
    this.o.write(`${this.c.failed(message)}\n`);
  }
  recap(_stats: Map<string, HostStats>): void {}

  hostResult(task: { module: string }, r: HostTaskResult): void {
    const c = this.c;
    if (this.o.diff) for (const d of r.diffs) this.o.write(`${unifiedDiff(d)}\n`);
    const d = r.data;
    const commandLike = typeof d.rc === 'number' && (task.module === 'command' || task.module === 'shell');
    const label = { ok: 'SUCCESS', changed: 'CHANGED', failed: 'FAILED', skipped: 'SKIPPED', unreachable: 'UNREACHABLE!' }[r.status];
    const paint = r.status === 'ok' ? c.ok : r.status === 'changed' ? c.changed : r.status === 'skipped' ? c.skipped : c.failed;
    if (r.status === 'skipped') {
      this.o.write(`${paint(`${r.host} | SKIPPED`)}\n`);
      return;
    }
    if (this.o.oneLine) {
      const text = commandLike && r.status !== 'unreachable'
        ? `${r.host} | ${label} | rc=${d.rc} | (stdout) ${oneLine(d.stdout)}${d.stderr ? ` (stderr) ${oneLine(d.stderr)}` : ''}`
        : `${r.host} | ${label}${r.status === 'failed' ? '!' : ''} => ${JSON.stringify(r.changes.length ? { ...d, changes: r.changes } : d, null, 1).replace(/\n */g, '')}`;
      this.o.write(`${paint(text)}\n`);
      return;
    }
    if (commandLike && r.status !== 'unreachable') {
      // As Ansible's minimal callback: stdout, stderr, else the message (e.g. check mode's "Command would have run…").
      const out = [d.stdout, d.stderr].filter((s) => typeof s === 'string' && s !== '').join('\n') || (r.check && typeof d.msg === 'string' ? d.msg : '');
      this.o.write(`${paint(`${r.host} | ${label} | rc=${d.rc} >>`)}\n${out}${out.endsWith('\n') || !out ? '' : '\n'}`);
      return;
    }
    const bang = r.status === 'failed' ? '!' : '';
    this.o.write(`${paint(`${r.host} | ${label}${bang} => ${JSON.stringify(r.changes.length ? { ...d, changes: r.changes } : d, null, 4)}`)}\n`);
  }
}

/** Output on one line, as Ansible's -o: line breaks written as \n. */
function oneLine(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\r?\n$/, '').replace(/\r?\n/g, '\\n') : '';
}
