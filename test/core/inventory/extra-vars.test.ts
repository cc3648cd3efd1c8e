// -e values: k=v words, JSON objects, @file (YAML/JSON), merged left to right; secrets wrapped; errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { parseExtraVars } from '../../../core/inventory/extra-vars.ts';
import { isSecret, type Secret } from '../../../core/secret.ts';

describe('parseExtraVars', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-e-'));
    writeFileSync(join(dir, 'vars.yml'), 'port: 8080\nlist: [a, b]\nheartbeat_authkey: k3y\nflag: yes\n');
    writeFileSync(join(dir, 'vars.json'), '{"port": 9090, "nested": {"api_token": "t"}}');
    writeFileSync(join(dir, 'list.yml'), '- a\n');
    writeFileSync(join(dir, 'empty.yml'), '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const table: [string[], Record<string, unknown>][] = [
    [['a=1 b="two words" c=\'x y\''], { a: '1', b: 'two words', c: 'x y' }],
    [['a=1=2 empty='], { a: '1=2', empty: '' }],
    [['{"n": 1, "list": [1, 2], "o": {"k": true}}'], { n: 1, list: [1, 2], o: { k: true } }],
    [['a=1', 'a=2 b=3'], { a: '2', b: '3' }],
    [['@vars.yml'], { port: 8080, list: ['a', 'b'], flag: true }],
    [['@vars.yml', 'port=1'], { port: '1', list: ['a', 'b'], flag: true }],
    [['@vars.yml', '@vars.json'], { port: 9090, list: ['a', 'b'], flag: true }],
    [['@empty.yml'], {}],
    [[], {}],
  ];
  for (const [values, want] of table) {
    it(`${JSON.stringify(values)} → ${JSON.stringify(want)}`, () => {
      const got = parseExtraVars(values, { cwd: dir });
      for (const k of Object.keys(got)) if (isSecret(got[k]) || k === 'nested') delete got[k];
      expect(got).to.deep.equal(want);
    });
  }
  it('wraps secret-named values, nested too', () => {
    const v = parseExtraVars(['@vars.yml', '@vars.json', 'ansible_become_password=pw'], { cwd: dir });
    expect((v.heartbeat_authkey as Secret).reveal()).to.equal('k3y');
    expect(isSecret((v.nested as Record<string, unknown>).api_token)).to.equal(true);
    expect((v.ansible_become_password as Secret).reveal()).to.equal('pw');
    expect(JSON.stringify(v)).to.not.include('pw"').and.not.include('k3y');
  });
  const errors: [string, string][] = [
    ['oops', 'field "-e": expected key=value, a JSON object or @file, got "oops"'],
    ['a=1 b', 'got "b"'],
    ['1a=2', 'bad variable name "1a"'],
    ['a="x', 'unterminated quote'],
    ['@missing.yml', 'missing.yml: cannot read extra vars file'],
    ['@list.yml', 'list.yml: an extra vars file must hold a mapping'],
    ['{"a": ', '-e:'],
  ];
  for (const [value, message] of errors) {
    it(`refuses ${value}`, () => expect(() => parseExtraVars([value], { cwd: dir })).to.throw(ArgsError, message));
  }
});
