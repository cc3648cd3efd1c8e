// YAML/JSON data files: YAML 1.1 values like Ansible, !secret and !env tags, errors with file:line that never quote the source.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { parseYamlData } from '../../../core/inventory/yaml-data.ts';
import { isSecret, type Secret } from '../../../core/secret.ts';

describe('parseYamlData', () => {
  it('reads YAML 1.1 values as Ansible (PyYAML) does', () => {
    expect(parseYamlData('a: yes\nb: off\nc: 0644\nd: "0644"\ne: 1.5\nf: ~\n', 'f.yml')).to.deep.equal({ a: true, b: false, c: 420, d: '0644', e: 1.5, f: null });
  });
  it('reads y/n, 1e3, dates and y: keys as PyYAML does, never as a JavaScript Date (checked against ansible-inventory)', () => {
    const text = 'answer: n\nconfirm: y\ny: 1\nyes: 2\ne: 1e3\ne2: 1.0e+3\nd: 2024-01-01\ndt: 2001-12-14 21:59:43.10 -5\nz: 2001-12-14T21:59:43Z\ns: 190:20:30\nx: 0x1F\ni: 1_000\no: 08\nt: tRue\n';
    expect(parseYamlData(text, 'f.yml')).to.deep.equal({
      answer: 'n', confirm: 'y', y: 1, true: 2, e: '1e3', e2: 1000, d: '2024-01-01', dt: '2001-12-14T21:59:43.100000-05:00',
      z: '2001-12-14T21:59:43+00:00', s: 685230, x: 31, i: 1000, o: '08', t: 'tRue',
    });
  });
  it('reads JSON', () => {
    expect(parseYamlData('{"a": [1, "x"], "b": {"c": null}}', 'f.json')).to.deep.equal({ a: [1, 'x'], b: { c: null } });
  });
  it('makes a Secret of !secret', () => {
    const v = parseYamlData('k: !secret hunter2\n', 'f.yml') as { k: Secret };
    expect(isSecret(v.k)).to.equal(true);
    expect(v.k.reveal()).to.equal('hunter2');
  });
  it('reads !env, and names file and line when it is unset', () => {
    process.env.TSIBLE_TEST_YD = 'x';
    try {
      expect(parseYamlData('k: !env TSIBLE_TEST_YD\n', 'f.yml')).to.deep.equal({ k: 'x' });
    } finally {
      delete process.env.TSIBLE_TEST_YD;
    }
    expect(() => parseYamlData('a: 1\nk: !env TSIBLE_TEST_YD\n', 'f.yml')).to.throw(ArgsError, 'f.yml:2: environment variable TSIBLE_TEST_YD is not set');
  });
  it('names file and line of a syntax error without quoting the source line', () => {
    let err: Error | undefined;
    try {
      parseYamlData('a: 1\nb: "hunter2\n', 'f.yml');
    } catch (e) {
      err = e as Error;
    }
    expect(err).to.be.instanceOf(ArgsError);
    expect(err!.message).to.match(/^f\.yml:\d+: /);
    expect(err!.message).to.not.include('hunter2');
  });
  it('refuses duplicate keys', () => {
    expect(() => parseYamlData('a: 1\na: 2\n', 'f.yml')).to.throw(ArgsError, 'f.yml:2:');
  });
});
