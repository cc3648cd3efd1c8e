// {{ }} in values: typed lone expressions, strings, Secrets kept secret, and lazily templated variables with recursion detected.
import { expect } from 'chai';
import { isSecret, secret } from '../../../core/secret.ts';
import { secretsIn } from '../../../core/engine/secrets-in.ts';
import { TemplateError } from '../../../core/template/render.ts';
import { OMIT, templateString, templateValue, templateVarsLazily } from '../../../core/template/template-value.ts';

const SRC = { label: '-a' };

describe('templateString / templateValue', () => {
  const vars = { name: 'web1', port: 8080, list: [1, 2], flag: true, pw: secret('s3cr3t') };
  it('text with {{ }} renders to a string', () => {
    expect(templateString('echo {{ name }}:{{ port }}', vars, SRC)).to.equal('echo web1:8080');
  });
  it('a lone {{ expr }} keeps lists, dicts and booleans; numbers become text (as ansible_eval_concat)', () => {
    expect(templateString('{{ list }}', vars, SRC)).to.deep.equal([1, 2]);
    expect(templateString('{{ flag }}', vars, SRC)).to.equal(true);
    expect(templateString('{{ port }}', vars, SRC)).to.equal('8080');
    expect(templateString('{{ {"a": port} }}', vars, SRC)).to.deep.equal({ a: 8080 });
  });
  it("text that renders to 'True' or a list literal becomes a value", () => {
    expect(templateString('{{ "Tr" }}ue', vars, SRC)).to.equal(true);
    expect(templateString('[{{ port }}, 2]', vars, SRC)).to.deep.equal([8080, 2]);
  });
  it('a lone Secret stays the Secret; a string built from one is a Secret (or, for arguments, the revealed text)', () => {
    expect(templateString('{{ pw }}', vars, SRC)).to.equal(vars.pw);
    const built = templateString('pw={{ pw }}', vars, SRC);
    expect(isSecret(built) && built.reveal()).to.equal('pw=s3cr3t');
    expect(String(built)).to.equal('***');
    expect(templateString('pw={{ pw }}', vars, { ...SRC, revealInStrings: true })).to.equal('pw=s3cr3t');
  });
  it('templateValue walks lists and dicts and leaves out arguments set to omit', () => {
    expect(templateValue({ a: ['{{ name }}'], b: '{{ omit }}', c: 3 }, vars, SRC)).to.deep.equal({ a: ['web1'], c: 3 });
    expect(OMIT).to.be.a('string');
  });
  it('an undefined variable is a TemplateError naming the value', () => {
    expect(() => templateString('echo {{ nope }}', vars, SRC)).to.throw(TemplateError, "-a: 'nope' is undefined");
  });
});

describe('templateVarsLazily', () => {
  it('renders a variable on first read, against the same variables, once', () => {
    const vars = templateVarsLazily({ a: '{{ b }}-x', b: 'B', n: ['{{ b | lower }}'] }, () => true);
    expect(vars.a).to.equal('B-x');
    expect(vars.n).to.deep.equal(['b']);
    expect(vars.a).to.equal(vars.a);
  });
  it("a copy of the variables with a loop item renders against the copy (task vars using {{ item }})", () => {
    const vars = templateVarsLazily({ pkg: '{{ item }}-dev', item: 'none' }, () => true);
    const copy = (item: string) => Object.assign(Object.defineProperties({}, Object.getOwnPropertyDescriptors(vars)), { item }) as Record<string, unknown>;
    expect(copy('libssl').pkg).to.equal('libssl-dev');
    expect(copy('zlib').pkg).to.equal('zlib-dev');
    expect(vars.pkg).to.equal('none-dev');
  });
  it('a variable never read is never rendered (a broken one fails only when used)', () => {
    const vars = templateVarsLazily({ broken: '{{ nope }}', ok: 'fine' }, () => true);
    expect(vars.ok).to.equal('fine');
    expect(() => vars.broken).to.throw(TemplateError, "'nope' is undefined");
  });
  it('a loop of variables is an error naming one of them, not a stack overflow', () => {
    const vars = templateVarsLazily({ a: '{{ b }}', b: '{{ a }}' }, () => true, { host: 'web1' });
    expect(() => vars.a).to.throw(TemplateError, /host web1: recursive loop detected in template: variable "a" refers to itself/);
  });
  it('variables the caller excludes (registered results, facts) stay as they are', () => {
    const vars = templateVarsLazily({ out: { stdout: '{{ not me }}' } }, (n) => n !== 'out');
    expect(vars.out).to.deep.equal({ stdout: '{{ not me }}' });
  });
  it('collecting secrets never reads (renders) a templated variable', () => {
    const pw = secret('x');
    const vars = templateVarsLazily({ pw, broken: '{{ nope }}' }, () => true);
    expect([...secretsIn(vars)]).to.deep.equal([pw]);
  });
});
