// What a drill measured: requests sent/answered/failed, the longest time without an answer, who answered before/during/after the fault.
import type { Sample } from './stream.ts';

/** A moment of the drill, ms after the stream started. */
export interface DrillEvent {
  t: number;
  /** fault (being injected), faulted (injection done), restore, restored. */
  kind: 'fault' | 'faulted' | 'restore' | 'restored';
  what: string;
}

/** Counts over a span of the drill. */
export interface PhaseCounts {
  sent: number;
  answered: number;
  failed: number;
  /** Answers per real server. */
  byServer: Record<string, number>;
}

/** The drill's result, as `--json` prints it (without the samples unless asked). */
export interface DrillReport {
  fault: string;
  target: string;
  url: string;
  rate: number;
  durationS: number;
  sent: number;
  answered: number;
  failed: number;
  /** failed / sent, in percent (two decimals). */
  failedPercent: number;
  /** The longest run of unanswered requests, as time (its span plus one request interval), s. */
  longestGapS: number;
  /** When that gap started, s after the stream started (null: no request failed). */
  longestGapAtS: number | null;
  /** Requests that failed more than `settleS` after the fault was injected (and before the restore). */
  failedAfterSettle: number;
  settleS: number;
  /** The last request was answered (the service came back). */
  recovered: boolean;
  phases: { before: PhaseCounts; during: PhaseCounts; after: PhaseCounts };
  events: DrillEvent[];
  /** Why requests failed: error → count. */
  errors: Record<string, number>;
  samples?: Sample[];
}

function counts(samples: Sample[]): PhaseCounts {
  const byServer: Record<string, number> = {};
  let answered = 0;
  for (const s of samples) {
    if (!s.ok) continue;
    answered++;
    byServer[s.server ?? 'unknown'] = (byServer[s.server ?? 'unknown'] ?? 0) + 1;
  }
  return { sent: samples.length, answered, failed: samples.length - answered, byServer };
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Builds the report. Phases: before = until the fault is injected, during = until the restore starts, after = the rest. */
export function buildReport(o: { fault: string; target: string; url: string; rate: number; durationS: number; settleS: number }, samples: Sample[], events: DrillEvent[]): DrillReport {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const faultAt = events.find((e) => e.kind === 'fault')?.t ?? Infinity;
  const restoreAt = events.find((e) => e.kind === 'restore')?.t ?? Infinity;
  const interval = 1000 / o.rate;
  let longest = 0;
  let longestAt: number | null = null;
  let runStart: number | null = null;
  let last = 0;
  for (const s of sorted) {
    if (!s.ok) {
      runStart ??= s.t;
      last = s.t;
      const span = last - runStart + interval;
      if (span > longest) {
        longest = span;
        longestAt = runStart;
      }
    } else runStart = null;
  }
  const all = counts(sorted);
  const errors: Record<string, number> = {};
  for (const s of sorted) if (!s.ok) errors[s.error ?? 'unknown'] = (errors[s.error ?? 'unknown'] ?? 0) + 1;
  return {
    fault: o.fault, target: o.target, url: o.url, rate: o.rate, durationS: o.durationS,
    sent: all.sent, answered: all.answered, failed: all.failed,
    failedPercent: all.sent ? round((100 * all.failed) / all.sent) : 0,
    longestGapS: round(longest / 1000),
    longestGapAtS: longestAt === null ? null : round(longestAt / 1000),
    failedAfterSettle: sorted.filter((s) => !s.ok && s.t >= faultAt + o.settleS * 1000 && s.t < restoreAt).length,
    settleS: o.settleS,
    recovered: sorted.length > 0 && sorted[sorted.length - 1]!.ok,
    phases: {
      before: counts(sorted.filter((s) => s.t < faultAt)),
      during: counts(sorted.filter((s) => s.t >= faultAt && s.t < restoreAt)),
      after: counts(sorted.filter((s) => s.t >= restoreAt)),
    },
    events,
    errors,
  };
}

function servers(p: PhaseCounts): string {
  const e = Object.entries(p.byServer).sort(([a], [b]) => a.localeCompare(b));
  return e.length ? e.map(([k, v]) => `${k} ${v}`).join(', ') : '-';
}

/** The report as a table for people. */
export function renderTable(r: DrillReport): string {
  const rows: [string, string][] = [
    ['fault', `${r.fault} (${r.target})`],
    ['stream', `${r.url}, ${r.rate} req/s for ${r.durationS} s, one connection each`],
    ...r.events.map((e): [string, string] => [`${e.kind} at`, `${(e.t / 1000).toFixed(1)} s: ${e.what}`]),
    ['sent', String(r.sent)],
    ['answered', String(r.answered)],
    ['failed', `${r.failed} (${r.failedPercent}%)${Object.keys(r.errors).length ? `: ${Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}`],
    ['longest gap', r.longestGapAtS === null ? 'none' : `${r.longestGapS.toFixed(2)} s (from ${r.longestGapAtS.toFixed(1)} s)`],
    [`failed ${r.settleS} s after the fault`, String(r.failedAfterSettle)],
    ['answered before', `${r.phases.before.answered}/${r.phases.before.sent}: ${servers(r.phases.before)}`],
    ['answered during', `${r.phases.during.answered}/${r.phases.during.sent}: ${servers(r.phases.during)}`],
    ['answered after', `${r.phases.after.answered}/${r.phases.after.sent}: ${servers(r.phases.after)}`],
    ['recovered', r.recovered ? 'yes (the last request was answered)' : 'NO (the last request failed)'],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n';
}
