// renderJinja: Ansible's strict undefined, whitespace and newline rules, includes, and errors that name file and line.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateError, renderJinja } from '../../../core/template/render.ts';

const render = (text: string, vars: Record<string, unknown> = {}) => renderJinja(text, vars, { file: 'motd.j2', where: { host: 'web1', task: 'motd' } });
const failure = (text: string, vars: Record<string, unknown> = {}): TemplateError => {
  try {
    render(text, vars);
  } catch (e) {
    expect(e).to.be.instanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error('rendered without an error');
};

describe('renderJinja', () => {
  describe('undefined variables are errors (StrictUndefined), unless defaulted or tested', () => {
    const cases: [string, string][] = [
      ['a\nb {{ nope }}', "'nope' is undefined"],
      ['{% if nope %}x{% endif %}', "'nope' is undefined"],
      ['{% for x in nope %}{% endfor %}', "'nope' is undefined"],
      ['{{ d.missing }}', "'dict object' has no attribute 'missing'"],
      ['{{ nope | upper }}', "'nope' is undefined"],
      ['{{ nope ~ "x" }}', "'nope' is undefined"],
      ['{{ 1 if false }}', 'no else section'],
    ];
    for (const [text, message] of cases) {
      it(`${JSON.stringify(text)}: ${message}`, () => {
        expect(failure(text, { d: {} }).message).to.contain(message);
      });
    }
    it('the error names the file, the line, the host and the task', () => {
      const e = failure('line 1\nline 2 {{ nope }}\n');
      expect(e.message).to.equal("motd.j2:2, host web1, task \"motd\": 'nope' is undefined");
      expect(e.where).to.include({ file: 'motd.j2', line: 2, host: 'web1', task: 'motd' });
    });
    it('default, is defined and chained attributes of an undefined are fine', () => {
      expect(render("{{ nope | default('x') }} {{ nope.a.b is defined }} {{ nope is undefined }}")).to.equal('x False True');
    });
  });

  describe('syntax errors and unknown filters fail at compile time, with the line', () => {
    it('a block left open: the last line', () => {
      expect(failure('ok\n{% for x in xs %}\nno end\n').message).to.equal('motd.j2:3, host web1, task "motd": unexpected end of file');
      expect(failure('ok\n{% if x %}\n').message).to.equal('motd.j2:2, host web1, task "motd": expected elif, else, or endif, got end of file');
    });
    it('a bad expression: its line', () => expect(failure('a\n{{ x + }}').message).to.equal('motd.j2:2, host web1, task "motd": unexpected token: }}'));
    it('an unknown filter, even in a branch not taken', () => {
      const e = failure('a\nb\n{% if false %}{{ x | no_such_filter }}{% endif %}');
      expect(e.message).to.contain("no filter named 'no_such_filter'");
      expect(e.where.line).to.equal(3);
    });
    it("a filter's own failure", () => expect(failure("{{ '{' | from_json }}").message).to.contain('from_json'));
  });

  describe("Ansible's whitespace and newline rules", () => {
    it('trim_blocks: the newline after a block tag is dropped; lstrip_blocks is off', () => {
      expect(render('{% if true %}\nyes\n  {% endif %}\nend\n')).to.equal('yes\n  end\n');
    });
    it('the template\'s trailing newlines are all kept (Jinja eats one, Ansible gives it back)', () => {
      expect(render('x\n\n\n')).to.equal('x\n\n\n');
      expect(render('x')).to.equal('x');
    });
    it('#jinja2: overrides on the first line', () => {
      expect(render('#jinja2: trim_blocks: False\n{% if true %}\nyes{% endif %}')).to.equal('\nyes');
    });
    it('CRLF templates render with \\n (newline_sequence)', () => {
      expect(render('a\r\nb\r\n')).to.equal('a\nb\n');
    });
  });

  describe('Python values', () => {
    it('prints None as empty, booleans, lists and dicts as Python does', () => {
      expect(render('{{ n }}|{{ t }}|{{ l }}|{{ d }}', { n: null, t: true, l: ['a', "it's"], d: { k: [1, false] } })).to.equal(`|True|['a', "it's"]|{'k': [1, False]}`);
    });
    it('empty lists and dicts are false; == never equals a string and a number', () => {
      expect(render("{{ [] or 'empty' }} {{ {} | ternary('t', 'f') }} {{ '1' == 1 }}")).to.equal('empty f False');
    });
  });

  it('{% include %} finds templates in the search path and renders them with the same variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-include-'));
    try {
      writeFileSync(join(dir, 'part.j2'), 'part {{ who }}\n');
      expect(renderJinja("{% include 'part.j2' %}after\n", { who: 'web2' }, { file: join(dir, 'main.j2'), searchPath: [dir] })).to.equal('part web2after\n');
      expect(() => renderJinja("{% include 'missing.j2' %}", {}, { file: join(dir, 'main.j2'), searchPath: [dir] })).to.throw(TemplateError, /missing\.j2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
