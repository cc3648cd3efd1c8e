// defineInventory and its helpers; the type checks run with `tsc` (the @ts-expect-error lines fail it if they stop erroring).
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { defineInventory, env, secretEnv } from '../../../core/inventory/define.ts';

describe('defineInventory', () => {
  it('returns its argument', () => {
    const spec = { hosts: { a: { tsible_port: 2222 } } };
    expect(defineInventory(spec)).to.equal(spec);
  });
  it('type-checks connection variables', () => {
    // @ts-expect-error tsible_port is a number
    defineInventory({ hosts: { a: { tsible_port: '22' } } });
    // @ts-expect-error tsible_connection is ssh or local
    defineInventory({ groups: { g: { vars: { tsible_connection: 'docker' } } } });
    // @ts-expect-error unknown top-level key
    defineInventory({ host: {} });
  });
  it('reads environment variables, refusing unset ones', () => {
    process.env.TSIBLE_TEST_DEFINE = 'v';
    try {
      expect(env('TSIBLE_TEST_DEFINE')).to.equal('v');
      expect(secretEnv('TSIBLE_TEST_DEFINE').reveal()).to.equal('v');
    } finally {
      delete process.env.TSIBLE_TEST_DEFINE;
    }
    expect(() => env('TSIBLE_TEST_DEFINE')).to.throw(ArgsError, 'environment variable TSIBLE_TEST_DEFINE is not set');
  });
});
