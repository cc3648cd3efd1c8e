// PyYAML's dump as Ansible's to_yaml / to_nice_yaml call it: keys sorted, indentless sequences, PyYAML's quoting of ambiguous strings.
import type { Document } from 'yaml';
import { yaml } from '../lazy-yaml.ts';
import { isSecret } from '../secret.ts';
import { TemplateValueError, Undefined, isDict } from './py-values.ts';

/** Plain strings PyYAML (YAML 1.1) would read back as something else, so it quotes them: yes/no/on/off, dates, 1:20, 0o7. */
const PYYAML_AMBIGUOUS = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|~|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0[0-7_]+|[-+]?0b[01_]+|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|=|<<)$/;

function plainData(v: unknown): unknown {
  if (v instanceof Undefined) throw new TemplateValueError(v.hint);
  if (isSecret(v)) return String(v);
  if (Array.isArray(v)) return v.map(plainData);
  if (v instanceof Map) v = Object.fromEntries(v);
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainData(x)]));
  return v === undefined ? null : v;
}

/** A YAML document of `value` with PyYAML's choices of quoting (single quotes, ambiguous scalars quoted). */
function document(value: unknown): Document {
  const { Document, visit } = yaml();
  const doc = new Document(plainData(value), { sortMapEntries: true, version: '1.2' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (PYYAML_AMBIGUOUS.test(node.value) || node.value.includes('\n')) node.type = 'QUOTE_SINGLE';
    },
  });
  return doc;
}

/** One scalar or empty collection as PyYAML writes it inline. */
function inline(value: unknown): string {
  return document(value).toString({ singleQuote: true, lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
}

/** to_yaml: flow style for collections that hold only scalars (PyYAML's default_flow_style=None), block style above them. */
export function toYaml(value: unknown, indent = 2): string {
  const doc = document(value);
  yaml().visit(doc, {
    Map(_k, node) {
      if (node.items.every((p) => !(p.value && typeof p.value === 'object' && 'items' in p.value))) node.flow = true;
    },
    Seq(_k, node) {
      if (node.items.every((x) => !(x && typeof x === 'object' && 'items' in x))) node.flow = true;
    },
  });
  return doc.toString({ indent, indentSeq: false, singleQuote: true, lineWidth: 80, flowCollectionPadding: false });
}

/** to_nice_yaml: block style everywhere, `indent` spaces per mapping level, sequences not indented under their key. */
export function toNiceYaml(value: unknown, indent = 4): string {
  const lines: string[] = [];
  const isBlock = (v: unknown) => (Array.isArray(v) && v.length > 0) || (isDict(v) && Object.keys(v).length > 0);
  const emit = (v: unknown, pad: string, first: string | null): void => {
    // `first` is the text before the first line (a list item's "- "), or null when the value starts a line of its own.
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const lead = i === 0 && first !== null ? first : pad;
        const dash = `-${' '.repeat(Math.max(1, indent - 1))}`;
        if (isBlock(item)) emit(item, pad + ' '.repeat(indent > 1 ? indent : 2), lead + dash);
        else lines.push(`${lead}- ${inline(item)}`);
      });
      return;
    }
    const keys = Object.keys(v as object).sort();
    keys.forEach((k, i) => {
      const x = (v as Record<string, unknown>)[k];
      const lead = i === 0 && first !== null ? first : pad;
      if (Array.isArray(x) && x.length) {
        lines.push(`${lead}${inline(k)}:`);
        emit(x, pad, null);
      } else if (isBlock(x)) {
        lines.push(`${lead}${inline(k)}:`);
        emit(x, pad + ' '.repeat(indent), null);
      } else lines.push(`${lead}${inline(k)}: ${inline(x)}`);
    });
  };
  const data = plainData(value);
  if (!isBlock(data)) {
    // A plain top-level scalar ends with PyYAML's document end marker; a quoted one or an empty collection does not.
    const text = inline(data);
    return /^['"[{]/.test(text) ? `${text}\n` : `${text}\n...\n`;
  }
  emit(data, '', null);
  return `${lines.join('\n')}\n`;
}
