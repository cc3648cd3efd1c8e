// Tests the in-place edit of /etc/default/ipvsadm over the file Debian 12's package installs (recorded on lb2).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { checkDefaults, setDefaults } from '../../../modules/ipvsadm/defaults-file.ts';

const debian = readFileSync(new URL('../../fixtures/modules/ipvsadm/debian-default-ipvsadm', import.meta.url), 'utf8');

describe('modules/ipvsadm/defaults-file', () => {
  it('sets AUTO, DAEMON and IFACE on their lines and keeps the comments and the commented SYNCID', () => {
    const after = setDefaults(debian, { auto: true, daemon: 'none', iface: 'enp0s3' });
    expect(after).to.include('AUTO="true"\n').and.include('DAEMON="none"\n').and.include('IFACE="enp0s3"\n');
    expect(after).to.include('# if you want to start ipvsadm on boot set this to true').and.include('# SYNCID="0"');
    expect(after.split('\n')).to.have.length(debian.split('\n').length);
  });

  it('leaves a line that already holds the value byte for byte (DAEMON="none" stays, IFACE\'s trailing tab too)', () => {
    expect(setDefaults(debian, { daemon: 'none', iface: 'eth0' })).to.equal(debian);
  });

  it('appends a key the file does not set, and creates the file when absent', () => {
    expect(setDefaults(debian, { syncid: 3 }).endsWith('SYNCID="3"\n')).to.equal(true);
    expect(setDefaults(undefined, { auto: false, daemon: 'master', iface: 'enp0s8' })).to.equal('AUTO="false"\nDAEMON="master"\nIFACE="enp0s8"\n');
  });

  it('refuses values that would break the sourced shell file, naming the field', () => {
    expect(() => checkDefaults({ iface: 'eth0"; rm -rf /' }, {})).to.throw(/field "defaults.iface"/);
    expect(() => checkDefaults({ daemon: 'primary' }, {})).to.throw(/field "defaults.daemon".*none, master, backup or both/);
    expect(() => checkDefaults({ autostart: true }, {})).to.throw(/field "defaults.autostart".*unknown setting/);
    expect(() => checkDefaults({ syncid: 999 }, {})).to.throw(/field "defaults.syncid"/);
  });
});
