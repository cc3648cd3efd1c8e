// Content a module wants in a file: the real bytes for the host, and the masked text people may see in diffs.
import { createHash } from 'node:crypto';
import type { FileDiff } from '../../core/module.ts';
import { MASK, Secret, isSecret, maskSecrets } from '../../core/secret.ts';
import { DEFAULT_MAX_CONTENT_BYTES, type FileStat } from '../facts/file-stat.ts';

/** What to write, in the forms each consumer needs. */
export interface PlannedContent {
  /** Sent to the host (a Secret when the text holds secret values, so it is never printed). */
  data: string | Buffer | Secret;
  /** The real bytes (for the checksum and line edits). */
  bytes: Buffer;
  /** Text for diffs, secrets shown as ***; undefined = the whole content is hidden (a secret `content`). */
  display: string | undefined;
  /** The secrets whose values the real content may hold (masked out of any error text). */
  secrets: Secret[];
}

/** Plain text or bytes, nothing secret. */
export function plainContent(value: string | Buffer): PlannedContent {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
  return { data: value, bytes, display: isText(bytes) ? bytes.toString('utf8') : undefined, secrets: [] };
}

/** A whole content that is secret: written as is, never shown. */
export function secretContent(value: Secret): PlannedContent {
  return { data: value, bytes: Buffer.from(value.reveal(), 'utf8'), display: undefined, secrets: [value] };
}

/**
 * Text rendered twice: `real` with secrets revealed, `display` with them as ***. When they are equal
 * no secret was used and the content is plain.
 */
export function maskedContent(real: string, display: string, secrets: Secret[]): PlannedContent {
  if (real === display) return { ...plainContent(real), secrets };
  return { data: new Secret(real), bytes: Buffer.from(real, 'utf8'), display: maskSecrets(display, secrets), secrets };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when the file at `stat` already holds exactly these bytes. */
export function sameContent(stat: FileStat, content: PlannedContent): boolean {
  return stat.type === 'file' && stat.sha256 === sha256(content.bytes);
}

/** Text we can show in a diff: valid UTF-8 without NUL bytes. */
export function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const HIDDEN_SECRET = `${MASK} (content hidden: it is secret)`;

/** The before/after texts for --diff, with secrets masked and binary or huge files replaced by a note. */
export function contentDiff(path: string, stat: FileStat, content: PlannedContent): FileDiff {
  return { path, before: beforeText(stat, content), after: afterText(content) };
}

function afterText(content: PlannedContent): string {
  if (content.display !== undefined && content.bytes.length > DEFAULT_MAX_CONTENT_BYTES) return `(${content.bytes.length} bytes: larger than the diff limit, not shown)`;
  if (content.display !== undefined) return content.display;
  if (content.secrets.length) return HIDDEN_SECRET;
  return `(binary content, ${content.bytes.length} bytes, sha256 ${sha256(content.bytes)}: not shown)`;
}

function beforeText(stat: FileStat, content: PlannedContent): string {
  if (stat.type === 'absent') return '';
  if (stat.type === 'link') return `(symbolic link to ${stat.linkTarget ?? '?'})`;
  if (stat.type !== 'file') return `(${stat.type})`;
  if (content.display === undefined && content.secrets.length) return HIDDEN_SECRET;
  if (!stat.content) return `(${stat.size ?? '?'} bytes: larger than the diff limit, not shown)`;
  if (!isText(stat.content)) return `(binary file, ${stat.content.length} bytes: not shown)`;
  const text = stat.content.toString('utf8');
  return isSecret(content.data) ? maskOldLines(text, content) : text;
}

/**
 * The old text of a file whose new content holds secrets. The old file may hold an older secret that
 * tsible does not know, so only lines identical to a line of the new content are shown (in their masked
 * form); every other line becomes ***.
 */
function maskOldLines(text: string, content: PlannedContent): string {
  const realLines = content.bytes.toString('utf8').split('\n');
  const shownLines = (content.display ?? '').split('\n');
  const shown = new Map<string, string>();
  if (realLines.length === shownLines.length) realLines.forEach((line, i) => shown.set(line, shownLines[i]));
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : shown.get(line) ?? MASK))
    .join('\n');
}

/**
 * The checksum that lets the file fact skip reading the old content (fileStat's `contentUnlessSha256`), or
 * undefined when the content holds a secret: the fact's script travels as the command line, which other users
 * of the host can read in `ps`, and the checksum of a short secret can be guessed offline. The host then
 * sends the old content back over the channel and the checksums are compared here.
 */
export function contentSkipChecksum(content: PlannedContent): string | undefined {
  return isSecret(content.data) ? undefined : sha256(content.bytes);
}
