// Reads YAML (or JSON) inventory and vars files: YAML 1.1 like Ansible, with `!secret value` and `!env NAME` tags; errors name file and line.
import { parseDocument, type ScalarTag } from 'yaml';
import { ArgsError } from '../errors.ts';
import { Secret } from '../secret.ts';

const TAGS: ScalarTag[] = [
  { tag: '!secret', resolve: (value: string) => new Secret(value) } as ScalarTag,
  {
    tag: '!env',
    resolve: (name: string, onError: (message: string) => void) => {
      const v = process.env[name];
      if (v === undefined) onError(`environment variable ${name} is not set`);
      return v ?? '';
    },
  } as ScalarTag,
];

/**
 * Parses `text` (from `file`) as YAML 1.1 (so `yes`/`no` are booleans and `0644` is octal, as in
 * Ansible). `!secret value` gives a Secret; `!env NAME` the environment variable's value (an error
 * if unset). A syntax error is an ArgsError naming the file and line, without quoting the source.
 */
export function parseYamlData(text: string, file: string): unknown {
  const doc = parseDocument(text, { version: '1.1', customTags: TAGS, prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // No `cause`: the YAML error quotes the source line, which may hold a secret. Its code is kept instead.
    const code = err.code === 'TAG_RESOLVE_FAILED' ? '' : ` (${err.code})`;
    throw new ArgsError(`${message}${code}`, { file, line: err.linePos?.[0].line });
  }
  return doc.toJS({ maxAliasCount: 1000 });
}
