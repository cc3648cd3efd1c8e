// Reads a value the way Ansible's INI inventory does, with Python's ast.literal_eval: numbers, strings, True/False/None, lists, tuples, dicts.

/** A value literal_eval cannot read: Ansible then keeps the text as written. */
class NotALiteral extends Error {}

/**
 * The value Python's `ast.literal_eval(text)` gives, as JSON-like data (tuples become lists), or
 * `text` unchanged when literal_eval refuses it (Ansible's INI rule: "try literal_eval, else the
 * string"). So `22` → 22, `0x1F` → 31, `3.0` → 3, `None` → null, `True` → true, `'a b'` → "a b",
 * `[1, 2]` → [1, 2], `80,443` → [80, 443]; `true`, `0644`, `a # c`, `1.2.3` stay strings. A `#`
 * after a complete literal starts a comment (`23 # port` → 23). Integers beyond 2^53 and complex
 * numbers, which JavaScript cannot hold, stay the text as written.
 */
export function pythonLiteral(text: string): unknown {
  try {
    const p = new LiteralParser(text.replace(/^[ \t]+/, ''));
    const value = p.expressionList();
    p.end();
    return value;
  } catch (err) {
    if (err instanceof NotALiteral) return text;
    throw err;
  }
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

class LiteralParser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(): never {
    throw new NotALiteral();
  }

  /** Skips blanks, line continuations and a comment (which runs to the end of the line). */
  private skip(insideBrackets: boolean): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\f') this.i++;
      else if (c === '\\' && this.s[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else if ((c === '\n' || c === '\r') && insideBrackets) this.i++;
      else return;
    }
  }

  private depth = 0;
  private peek(): string {
    this.skip(this.depth > 0);
    return this.s[this.i] ?? '';
  }

  end(): void {
    this.skip(false);
    while (this.s[this.i] === '\n' || this.s[this.i] === '\r') {
      this.i++;
      this.skip(false);
    }
    if (this.i < this.s.length) this.fail();
  }

  /** `a, b` (a tuple, given as a list) or a single value. */
  expressionList(): unknown {
    const first = this.value();
    if (this.peek() !== ',') return first;
    const items = [first];
    while (this.peek() === ',') {
      this.i++;
      const c = this.peek();
      if (c === '' || c === ')' || c === ']' || c === '}' || c === '\n') break;
      items.push(this.value());
    }
    return items;
  }

  private value(): unknown {
    const c = this.peek();
    if (c === '[') return this.sequence('[', ']');
    if (c === '(') {
      const items = this.sequence('(', ')', true);
      return items;
    }
    if (c === '{') return this.braces();
    if (c === '-' || c === '+') {
      this.i++;
      const v = this.value();
      if (typeof v !== 'number' || this.lastWasString) this.fail();
      return c === '-' ? (v === 0 ? 0 : -v) : v;
    }
    if (/[0-9.]/.test(c)) return this.number();
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i))!;
      const word = m[0];
      if (/^[rRbBuUfF]{1,2}$/.test(word) && (this.s[this.i + word.length] === "'" || this.s[this.i + word.length] === '"')) return this.strings();
      this.i += word.length;
      if (word === 'True') return this.plain(true);
      if (word === 'False') return this.plain(false);
      if (word === 'None') return this.plain(null);
      return this.fail();
    }
    if (c === "'" || c === '"') return this.strings();
    return this.fail();
  }

  /** Set by strings(): `-'a'` is not a literal. */
  private lastWasString = false;
  private plain<T>(v: T): T {
    this.lastWasString = false;
    return v;
  }

  private sequence(open: string, close: string, tuple = false): unknown[] {
    this.i++;
    this.depth++;
    const items: unknown[] = [];
    let sawComma = false;
    while (this.peek() !== close) {
      if (this.peek() === '') this.fail();
      items.push(this.value());
      if (this.peek() === ',') {
        this.i++;
        sawComma = true;
      } else if (this.peek() !== close) this.fail();
    }
    this.i++;
    this.depth--;
    if (tuple && items.length === 1 && !sawComma) return items[0] as unknown[]; // (x) is x
    return this.plain(items);
  }

  private braces(): unknown {
    this.i++;
    this.depth++;
    if (this.peek() === '}') {
      this.i++;
      this.depth--;
      return this.plain({});
    }
    const firstKey = this.value();
    if (this.peek() !== ':') return this.fail(); // a set: JSON has none, and Ansible's output cannot show it either
    const out: Record<string, unknown> = {};
    let key: unknown = firstKey;
    for (;;) {
      if (this.peek() !== ':') this.fail();
      this.i++;
      const v = this.value();
      if (Array.isArray(key) || (key !== null && typeof key === 'object')) this.fail(); // unhashable or not JSON
      out[key === null ? 'null' : String(key)] = v;
      if (this.peek() === ',') {
        this.i++;
        if (this.peek() === '}') break;
        key = this.value();
        continue;
      }
      if (this.peek() === '}') break;
      this.fail();
    }
    this.i++;
    this.depth--;
    return this.plain(out);
  }

  private number(): number {
    const rest = this.s.slice(this.i);
    const m =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest) ??
      /^(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?/.exec(rest);
    if (!m || m[0] === '.') this.fail();
    const text = m[0];
    this.i += text.length;
    if (/^[jJA-Za-z_0-9]/.test(this.s[this.i] ?? '')) this.fail(); // 2j (complex), 1a, 0644
    const digits = text.replace(/_/g, '');
    let n: number;
    if (/^0[xXoObB]/.test(digits)) {
      n = Number(digits.toLowerCase());
      if (!Number.isSafeInteger(n)) this.fail();
    } else if (/[.eE]/.test(digits)) {
      n = Number(digits);
    } else {
      if (/^0+[1-9]/.test(digits)) this.fail(); // leading zeros: a SyntaxError in Python 3
      n = Number(digits);
      if (!Number.isSafeInteger(n)) this.fail();
    }
    return this.plain(n);
  }

  /** One or more adjacent string literals ('a' "b" → "ab"), with Python's prefixes and escapes. */
  private strings(): string {
    let out = '';
    let any = false;
    for (;;) {
      const c = any ? this.peek() : this.s[this.i];
      const m = /^([rRbBuUfF]{0,2})(['"])/.exec(this.s.slice(this.i));
      if (!m || (any && !/['"rRbBuU]/.test(c))) break;
      const prefix = m[1].toLowerCase();
      if (prefix.includes('f') || (prefix.length === 2 && !/^(rb|br)$/.test(prefix))) this.fail();
      this.i += prefix.length;
      out += this.oneString(prefix.includes('r'), prefix.includes('b'));
      any = true;
    }
    if (!any) this.fail();
    this.lastWasString = true;
    return out;
  }

  private oneString(raw: boolean, bytes: boolean): string {
    const q = this.s[this.i];
    const triple = this.s.startsWith(q.repeat(3), this.i);
    const close = triple ? q.repeat(3) : q;
    this.i += close.length;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail();
      if (this.s.startsWith(close, this.i)) {
        this.i += close.length;
        return out;
      }
      const c = this.s[this.i];
      if (!triple && c === '\n') this.fail();
      if (c !== '\\') {
        if (bytes && c.charCodeAt(0) > 127) this.fail();
        out += c;
        this.i++;
        continue;
      }
      const e = this.s[this.i + 1] ?? '';
      if (raw) {
        out += c + e;
        this.i += 2;
        continue;
      }
      if (e in ESCAPES) {
        out += ESCAPES[e];
        this.i += 2;
      } else if (/[0-7]/.test(e)) {
        const oct = /^[0-7]{1,3}/.exec(this.s.slice(this.i + 1))![0];
        out += String.fromCodePoint(parseInt(oct, 8));
        this.i += 1 + oct.length;
      } else if (e === 'x' || (!bytes && (e === 'u' || e === 'U'))) {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = this.s.slice(this.i + 2, this.i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) this.fail();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) this.fail();
        out += String.fromCodePoint(cp);
        this.i += 2 + len;
      } else if (e === 'N' && !bytes) {
        this.fail(); // \N{NAME}: not worth a Unicode name table
      } else {
        out += c + e; // an unknown escape keeps its backslash, as in Python
        this.i += 2;
      }
    }
  }
}
