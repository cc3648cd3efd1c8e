// Parses an Ansible INI inventory: [group], [group:children], [group:vars], inline host vars, host ranges, ungrouped hosts.
import { ArgsError, type ErrorLocation } from '../errors.ts';
import type { InventoryBuilder } from './builder.ts';
import { expandHostRange } from './host-range.ts';
import { splitHostPort } from './host-port.ts';
import { pythonLiteral } from './python-literal.ts';
import { isVarName, splitKeyValue, splitWords } from './words.ts';
import type { Vars } from './types.ts';

const GROUP_NAME = /^[^\s:,[\]&!~*?'"=#;]+$/;

/** Throws unless `name` can be a group name (no blanks and none of the characters patterns use). */
export function checkGroupName(name: string, where: ErrorLocation): void {
  if (!GROUP_NAME.test(name)) throw new ArgsError(`bad group name "${name}"`, where);
}

type State = { kind: 'hosts' | 'children' | 'vars'; group: string };

/**
 * Adds the hosts and groups of INI inventory `text` (read from `file`) to `into`. Every error is an
 * ArgsError naming `file` and the line. Full-line comments start with `#` or `;`. As in Ansible, host
 * lines are split like a shell line (quotes removed, a `#` outside quotes starts a comment) and each
 * value then read by `pythonLiteral` (Python's literal_eval); a `[g:vars]` line is `key=rest of line`,
 * the rest read by `pythonLiteral` with its quotes (so `#` there is a comment only after a literal).
 */
export function parseIni(text: string, file: string, into: InventoryBuilder): void {
  let state: State = { kind: 'hosts', group: 'ungrouped' };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const where: ErrorLocation = { file, line: index + 1 };
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[') && !/^\[[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[^\]]*\](:\d+)?(\s|$)/.test(line)) {
      state = parseSection(line, where, into);
      return;
    }
    if (state.kind === 'vars') parseVarLine(line, state.group, where, into);
    else if (state.kind === 'children') parseChildLine(line, state.group, where, into);
    else parseHostLine(line, state.group, where, into);
  });
}

function parseSection(line: string, where: ErrorLocation, into: InventoryBuilder): State {
  const m = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(line);
  if (!m) throw new ArgsError(line.includes(']') ? 'unexpected text after the section header' : 'unterminated section header (missing "]")', where);
  const header = m[1].trim();
  const colon = header.indexOf(':');
  const name = colon < 0 ? header : header.slice(0, colon);
  const suffix = colon < 0 ? '' : header.slice(colon + 1);
  checkGroupName(name, where);
  if (suffix === '') {
    into.declareGroup(name);
    return { kind: 'hosts', group: name };
  }
  if (suffix === 'children') {
    into.declareGroup(name);
    return { kind: 'children', group: name };
  }
  if (suffix === 'vars') {
    into.addGroupVars(name, {}, where);
    return { kind: 'vars', group: name };
  }
  throw new ArgsError(`unknown section type ":${suffix}" in [${header}] (expected :vars or :children)`, where);
}

function parseHostLine(line: string, group: string, where: ErrorLocation, into: InventoryBuilder): void {
  const words = splitWords(line, { comments: true, where });
  if (words.length === 0) return;
  const [first, ...rest] = words;
  if (splitKeyValue(first, where)) throw new ArgsError(`expected a host name before "${first.raw}"`, where);
  const { name, port } = splitHostPort(first.text, where);
  const vars: Vars = {};
  if (port !== undefined) vars.ansible_port = port;
  for (const w of rest) {
    const kv = splitKeyValue(w, where);
    if (!kv) throw new ArgsError(`expected key=value after the host name, got "${w.raw}"`, where);
    vars[kv.key] = pythonLiteral(kv.value);
  }
  for (const host of expandHostRange(name, where)) into.addHost(host, vars, group, where);
}

function parseChildLine(line: string, group: string, where: ErrorLocation, into: InventoryBuilder): void {
  const words = splitWords(line, { comments: true, where });
  if (words.length === 0) return;
  if (words.length > 1) throw new ArgsError(`expected one group name per line in [${group}:children], got "${line}"`, where);
  const child = words[0].text;
  checkGroupName(child, where);
  if (child === group) throw new ArgsError(`group "${group}" cannot be its own child`, where);
  into.addChild(group, child, where);
}

function parseVarLine(line: string, group: string, where: ErrorLocation, into: InventoryBuilder): void {
  const eq = line.indexOf('=');
  if (eq < 0) throw new ArgsError(`expected key=value in [${group}:vars], got "${line}"`, where);
  const key = line.slice(0, eq).trim();
  if (!isVarName(key)) throw new ArgsError(`bad variable name "${key}"`, where);
  into.addGroupVars(group, { [key]: pythonLiteral(line.slice(eq + 1).trim()) }, where);
}
