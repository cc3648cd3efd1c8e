// render-template: EJS rendered per host from one compiled function per template file and source.
import { expect } from 'chai';
import ejs from 'ejs';
import { TsibleError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { renderTemplate } from '../../../modules/lib/render-template.ts';

describe('render-template', () => {
  const realCompile = ejs.compile;
  let compiles = 0;
  beforeEach(() => {
    compiles = 0;
    ejs.compile = ((...a: Parameters<typeof ejs.compile>) => {
      compiles++;
      return realCompile(...a);
    }) as typeof ejs.compile;
  });
  afterEach(() => {
    ejs.compile = realCompile;
  });

  it('compiles a template once and renders it with each host\'s variables', () => {
    const src = 'host <%= name %> port <%= port %>\n';
    const out = ['h1', 'h2', 'h3'].map((name) => renderTemplate(src, '/t/cache-a.ejs', { name, port: 80 }, {}).real);
    expect(out).to.deep.equal(['host h1 port 80\n', 'host h2 port 80\n', 'host h3 port 80\n']);
    expect(compiles).to.equal(1);
  });
  it('a changed source or another escaping compiles again (no stale template)', () => {
    expect(renderTemplate('v1 <%= x %>', '/t/cache-b.ejs', { x: '<a>' }, {}).real).to.equal('v1 <a>');
    expect(renderTemplate('v2 <%= x %>', '/t/cache-b.ejs', { x: '<a>' }, {}).real).to.equal('v2 <a>');
    expect(renderTemplate('v2 <%= x %>', '/t/cache-b.ejs', { x: '<a>' }, {}, true).real).to.equal('v2 &lt;a&gt;');
    expect(renderTemplate('v2 <%= x %>', '/t/cache-b.ejs', { x: '<b>' }, {}).real).to.equal('v2 <b>');
    expect(compiles).to.equal(3);
  });
  it('secrets: the real render reveals them, the display masks them, per host', () => {
    const src = 'key <%= key %>\n';
    const a = renderTemplate(src, '/t/cache-c.ejs', { key: new Secret('s3cr3t-a') }, {});
    const b = renderTemplate(src, '/t/cache-c.ejs', { key: new Secret('s3cr3t-b') }, {});
    expect([a.real, a.display, b.real, b.display]).to.deep.equal(['key s3cr3t-a\n', 'key ***\n', 'key s3cr3t-b\n', 'key ***\n']);
    expect(compiles).to.equal(1);
  });
  it('a syntax or render error is a TsibleError naming the file, every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => renderTemplate('<% if (x) { %>', '/t/bad.ejs', { x: 1 }, { host: 'h1' })).to.throw(TsibleError, /template \/t\/bad\.ejs failed to render/);
      expect(() => renderTemplate('<%= nope.x %>', '/t/bad2.ejs', {}, { host: 'h1' })).to.throw(TsibleError, /template \/t\/bad2\.ejs failed to render.*nope/s);
    }
  });
});
