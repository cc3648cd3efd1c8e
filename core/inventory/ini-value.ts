// Types an INI inventory value: unquoted integers become numbers, true/false booleans, JSON lists/objects data; the rest stays a string.

/**
 * The typed value of `text` as written in an INI inventory. Rules (predictable on purpose):
 * - quoted (`"…"`, `'…'`): always a string;
 * - a decimal integer without leading zeros (`22`, `-1`, `0`): a number (`0644` stays the string "0644");
 * - `true` / `false` in any case: a boolean (`yes`/`no` stay strings; tsible's own options accept them as booleans);
 * - `[…]` or `{…}` that is valid JSON: that list or object;
 * - anything else (floats, versions, `null`, addresses): the string as written.
 */
export function iniValue(text: string, quoted: boolean): unknown {
  if (quoted) return text;
  if (/^-?(0|[1-9]\d*)$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (/^\[.*\]$|^\{.*\}$/s.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
