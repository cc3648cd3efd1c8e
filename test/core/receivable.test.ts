// Values a host cannot receive (NUL, lone surrogates) are refused naming the field, never showing a secret value.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { checkReceivable, unreceivable } from '../../core/receivable.ts';
import { secret } from '../../core/secret.ts';
import { buildCommandLine } from '../../core/transport/command-line.ts';

describe('receivable values', () => {
  it('finds a NUL byte or half a surrogate pair, and accepts other text (newlines, quotes, emoji)', () => {
    expect(unreceivable('a\0b')).to.match(/NUL byte \(character 2\)/);
    expect(unreceivable('x\uD800')).to.match(/surrogate/);
    expect(unreceivable('\uDC00y')).to.match(/surrogate/);
    expect(unreceivable("line\n'quote\" $x 😀")).to.equal(undefined);
  });

  it('names the field at any depth; a secret is named, never shown', () => {
    const where = { host: 'h', task: 't' };
    const err = (args: unknown, binary?: Set<string>) => { try { checkReceivable(args, where, binary); return undefined; } catch (e) { return e as ArgsError; } };
    expect(err({ argv: ['echo', 'a\0b'] })!.message).to.equal('host h, task "t", field "argv[1]": contains a NUL byte (character 2), which no command line, environment or shell word can carry');
    expect(err({ headers: { X: 'v\0' } })!.where.field).to.equal('headers.X');
    const s = err({ argv: [secret('pw\0secretvalue')] })!;
    expect(s).to.be.instanceOf(ArgsError);
    expect(s.message).to.include('the secret value contains a NUL byte').and.not.include('secretvalue');
    expect(err({ content: 'bin\0ary' }, new Set(['content']))).to.equal(undefined);
    expect(err({ content: 'bin\uD800' }, new Set(['content']))!.where.field).to.equal('content');
  });

  it('the transport refuses a command word, env value or cwd with a NUL before sending anything', () => {
    expect(() => buildCommandLine(['echo', secret('x\0topsecret')])).to.throw(ArgsError, /command word 2 contains a NUL byte/).that.satisfies((e: Error) => !e.message.includes('topsecret'));
    expect(() => buildCommandLine(['true'], { env: { A: 'b\0' } })).to.throw(ArgsError, /env A contains a NUL/);
    expect(() => buildCommandLine(['true'], { cwd: '/tmp\0' })).to.throw(ArgsError, /cwd contains a NUL/);
    expect(() => buildCommandLine({ shell: 'echo \0' })).to.throw(ArgsError, /command script contains a NUL/);
  });
});
