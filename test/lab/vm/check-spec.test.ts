// checkSpec: bad VM specs are refused before anything is created, naming the VM and the field.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { checkSpec, gatewayNic } from '../../../lab/vm/check-spec.ts';
import type { VmNic } from '../../../lab/vm/types.ts';
import { sampleSpec } from './fixtures.ts';

const nic0 = sampleSpec().nics[0] as VmNic;
const second: VmNic = { netns: 'tsible-lab', bridge: 'br-int', tap: 'vt-lb1-1', mac: '52:54:00:38:01:01', ifname: 'enp0s8', addresses: ['192.168.57.1/24'] };

function refusal(fn: () => void): ArgsError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(ArgsError);
    return e as ArgsError;
  }
  throw new Error('expected an ArgsError');
}

describe('lab/vm checkSpec', () => {
  it('accepts a valid one-NIC and two-NIC spec', () => {
    checkSpec(sampleSpec());
    checkSpec(sampleSpec({ nics: [nic0, second], gateway: undefined }));
  });

  const cases: [string, Parameters<typeof sampleSpec>[0], string][] = [
    ['bad MAC', { nics: [{ ...nic0, mac: '52:54:00:38:00' }] }, 'nics[0].mac'],
    ['multicast MAC', { nics: [{ ...nic0, mac: '01:54:00:38:00:0b' }] }, 'nics[0].mac'],
    ['tap name over 15 characters', { nics: [{ ...nic0, tap: 'a-very-long-tap-name' }] }, 'nics[0].tap'],
    ['bad CIDR', { nics: [{ ...nic0, addresses: ['192.168.56.300/24'] }] }, 'nics[0].addresses[0]'],
    ['address without prefix', { nics: [{ ...nic0, addresses: ['192.168.56.11'] }] }, 'nics[0].addresses[0]'],
    ['duplicate ifname', { nics: [nic0, { ...second, ifname: 'enp0s3' }] }, 'nics[1].ifname'],
    ['duplicate MAC', { nics: [nic0, { ...second, mac: '52:54:00:38:00:0B' }] }, 'nics[1].mac'],
    ['gateway outside every subnet', { gateway: '192.168.99.1' }, 'gateway'],
    ['no NIC', { nics: [] }, 'nics'],
    ['bad hostname', { hostname: 'lb_1' }, 'hostname'],
    ['unknown host key type', { hostKeys: [{ type: 'dsa', privateKey: 'x PRIVATE KEY', publicKey: 'ssh-dss AAAA' }] }, 'hostKeys[0].type'],
    ['no authorized key', { authorizedKeys: ' ' }, 'authorizedKeys'],
    ['relative workDir', { workDir: 'lab/lb1' }, 'workDir'],
    ['apt proxy not http', { aptProxy: 'https://proxy:3142' }, 'aptProxy'],
    ['memory too small', { memoryMb: 64 }, 'memoryMb'],
  ];
  for (const [what, over, field] of cases) {
    it(`refuses ${what}, naming ${field}`, () => {
      const e = refusal(() => checkSpec(sampleSpec(over)));
      expect(e.where).to.deep.equal({ host: 'lb1', field });
    });
  }

  it('puts the gateway on the NIC whose subnet holds it', () => {
    expect(gatewayNic(sampleSpec({ nics: [second, nic0] }))).to.equal(1);
    expect(gatewayNic(sampleSpec({ gateway: undefined }))).to.equal(-1);
  });
});
