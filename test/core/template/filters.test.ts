// Filters and tests, one table: each `{{ expression }}` and what Ansible 2.14 prints for it (the table itself is checked against real ansible-core).
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needs } from '../../support/needs.ts';
import { renderJinja } from '../../../core/template/render.ts';

export const VARS = {
  name: 'web1', port: 8080, flag: true, off: false, none: null, ratio: 1.5,
  xs: [3, 1, 2, 1], words: ['b', 'A', 'c'], d: { b: 2, a: 1 },
  users: [{ name: 'alice', uid: 1001, admin: true }, { name: 'bob', uid: 1002, admin: false }],
  path: '/etc/nginx/nginx.conf', text: '  Hello World  ', json: '{"a": [1, 2], "b": null}', yml: 'a: [1, 2]\nb: yes\n',
};

/** [expression, Ansible's output]. */
export const TABLE: [string, string][] = [
  ["missing | default('x')", 'x'], ["missing | d('y')", 'y'], ["none | default('x')", ''], ["'' | default('x', true)", 'x'], ["name | default('x')", 'web1'],
  ["missing.attr | default('deep')", 'deep'],
  ['name | upper', 'WEB1'], ["'ABC' | lower", 'abc'], ["'hello WORLD' | capitalize", 'Hello world'],
  ["text | trim", 'Hello World'], ["'a-b-c' | replace('-', '+')", 'a+b+c'], ["'aaa' | replace('a', 'b', 2)", 'bba'],
  ["xs | join(',')", '3,1,2,1'], ['xs | join', '3121'], ["users | join(', ', attribute='name')", 'alice, bob'],
  ['d | to_json', '{"b": 2, "a": 1}'], ["'café' | to_json", '"caf\\u00e9"'], ['[none, flag] | to_json', '[null, true]'],
  ['d | to_nice_json', '{\n    "a": 1,\n    "b": 2\n}'], ['[] | to_nice_json', '[]'],
  ['d | to_yaml', '{a: 1, b: 2}\n'], ["{'k': [1, 2]} | to_yaml", 'k: [1, 2]\n'],
  ["{'k': [1, 2], 'm': {'y': 'yes'}} | to_nice_yaml", "k:\n- 1\n- 2\nm:\n    y: 'yes'\n"],
  ["(json | from_json).a", '[1, 2]'], ["(json | from_json).b", ''], ["(yml | from_yaml).b", 'True'],
  ["'yes' | bool", 'True'], ["'no' | bool", 'False'], ["'1' | bool", 'True'], ['0 | bool', 'False'], ["'on' | bool", 'True'],
  ["'42' | int", '42'], ["'3.9' | int", '3'], ["'x' | int", '0'], ["'x' | int(7)", '7'], ["'ff' | int(base=16)", '255'],
  ["'2.5' | float", '2.5'], ['port | string', '8080'], ['flag | string', 'True'],
  ['xs | length', '4'], ['name | length', '4'], ['d | length', '2'], ['xs | count', '4'],
  ['xs | first', '3'], ['xs | last', '1'], ['name | first', 'w'],
  ['xs | unique', '[3, 1, 2]'], ["['a', 'A', 'b'] | unique", "['a', 'b']"],
  ['xs | sort', '[1, 1, 2, 3]'], ['words | sort', "['A', 'b', 'c']"], ['words | sort(case_sensitive=true)', "['A', 'b', 'c']"], ['xs | sort(reverse=true)', '[3, 2, 1, 1]'],
  ["users | sort(attribute='uid', reverse=true) | map(attribute='name') | list", "['bob', 'alice']"],
  ["users | map(attribute='name') | list", "['alice', 'bob']"], ["xs | map('string') | list", "['3', '1', '2', '1']"],
  ["xs | select('odd') | list", '[3, 1, 1]'], ["xs | reject('odd') | list", '[2]'], ["users | selectattr('admin') | map(attribute='name') | first", 'alice'],
  ["users | rejectattr('admin') | map(attribute='uid') | list", '[1002]'], ["users | selectattr('uid', '>', 1001) | map(attribute='name') | list", "['bob']"],
  ["d | combine({'c': 3})", "{'b': 2, 'a': 1, 'c': 3}"], ["{'a': {'x': 1}} | combine({'a': {'y': 2}}, recursive=true)", "{'a': {'x': 1, 'y': 2}}"],
  ["{'a': [1]} | combine({'a': [2]}, list_merge='append')", "{'a': [1, 2]}"],
  ['d | dict2items', "[{'key': 'b', 'value': 2}, {'key': 'a', 'value': 1}]"], ["[{'key': 'k', 'value': 'v'}] | items2dict", "{'k': 'v'}"],
  ["name | regex_replace('(\\\\w+)(\\\\d)', '\\\\2-\\\\1')", '1-web'], ["'a.b' | regex_replace('\\\\.', '')", 'ab'], ["name | regex_replace('^(?P<x>w)', '\\\\g<x>W')", 'wWeb1'],
  ["'abc123' | regex_search('\\\\d+')", '123'], ["'abc' | regex_search('\\\\d+')", ''], ["'k=v' | regex_search('(\\\\w)=(\\\\w)', '\\\\2')", "['v']"],
  ['path | basename', 'nginx.conf'], ['path | dirname', '/etc/nginx'], ["'x' | dirname", ''],
  ["\"it's\" | quote", `'it'"'"'s'`], ["'plain' | quote", 'plain'],
  ['name | b64encode', 'd2ViMQ=='], ["'d2ViMQ==' | b64decode", 'web1'],
  ['name | hash', '977588a87e10582032716712ccf5d85d18a5fccf'], ["name | hash('md5')", 'e694aa37abf20c91a442da4841aeccdf'], ['name | checksum', '977588a87e10582032716712ccf5d85d18a5fccf'],
  ['name | mandatory', 'web1'],
  ["flag | ternary('yes', 'no')", 'yes'], ["off | ternary('yes', 'no')", 'no'], ["none | ternary('t', 'f', 'n')", 'n'],
  ['missing is defined', 'False'], ['missing is undefined', 'True'], ['name is defined', 'True'], ['none is none', 'True'], ['name is none', 'False'],
  ['xs is truthy', 'True'], ['[] is falsy', 'True'], ["name is match('we')", 'True'], ["name is search('b1')", 'True'], ["name is match('b1')", 'False'],
  ['flag is boolean', 'True'], ['port is number', 'True'], ['d is mapping', 'True'], ['xs is sequence', 'True'], ['3 is odd', 'True'],
];

/** Known differences: [expression, Ansible's output, tsible's output, why]. */
export const DIFFERENT: [string, string, string, string][] = [
  ["'x' | float", '0.0', '0', 'JavaScript has one number type: a float with no fraction prints as an int'],
  ['4 / 2', '2.0', '2', 'the same'],
];

const render = (expr: string): string => renderJinja(`{{ ${expr} }}`, VARS, { file: 'table.j2' });

describe('Jinja filters and tests (table)', () => {
  for (const [expr, want] of TABLE) {
    it(`{{ ${expr} }} → ${JSON.stringify(want)}`, () => {
      expect(render(expr)).to.equal(want);
    });
  }
  for (const [expr, , ours, why] of DIFFERENT) {
    it(`{{ ${expr} }} → ${JSON.stringify(ours)} (differs from Ansible: ${why})`, () => {
      expect(render(expr)).to.equal(ours);
    });
  }

  it('the table is what ansible-core prints (one template of every row through `ansible -m template`)', function () {
    this.timeout(120_000);
    needs(this, spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0, 'ansible-core is not installed (scripts/install-deps.sh installs it)');
    const dir = mkdtempSync(join(tmpdir(), 'tsible-filters-'));
    try {
      const rows = [...TABLE.map(([e, w]) => [e, w]), ...DIFFERENT.map(([e, w]) => [e, w])];
      writeFileSync(join(dir, 't.j2'), rows.map(([e], i) => `@@${i}@@{{ ${e} }}`).join('\n') + '\n');
      writeFileSync(join(dir, 'vars.json'), JSON.stringify(VARS));
      execFileSync('ansible', ['localhost', '-c', 'local', '-m', 'template', '-a', `src=${dir}/t.j2 dest=${dir}/out`, '-e', `@${dir}/vars.json`], { stdio: 'pipe' });
      const parts = readFileSync(join(dir, 'out'), 'utf8').split(/@@\d+@@/).slice(1).map((p) => p.replace(/\n$/, ''));
      expect(parts).to.deep.equal(rows.map(([, w]) => w));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
