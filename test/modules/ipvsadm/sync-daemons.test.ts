// The sync daemons' parsing (`ipvsadm -L --daemon` of ipvsadm 1.31 and older) and the settings they are compared with.
import { expect } from 'chai';
import { parseSyncDaemons, wantedSyncDaemons } from '../../../modules/ipvsadm/sync-daemons.ts';

describe('modules/ipvsadm/sync-daemons', () => {
  it('parses both output forms, and nothing from an empty or unrelated output', () => {
    expect(parseSyncDaemons('master sync daemon (mcast=enp0s3, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\nbackup sync daemon (mcast=enp0s3, syncid=7, maxlen=1472, group=224.0.0.81, port=8848)\n')).to.deep.equal([
      { role: 'master', iface: 'enp0s3', syncid: 0 }, { role: 'backup', iface: 'enp0s3', syncid: 7 },
    ]);
    expect(parseSyncDaemons('master sync daemon (mcast=eth0, syncid=3)')).to.deep.equal([{ role: 'master', iface: 'eth0', syncid: 3 }]);
    expect(parseSyncDaemons('')).to.deep.equal([]);
    expect(parseSyncDaemons('IP Virtual Server version 1.2.1 (size=4096)')).to.deep.equal([]);
  });

  it('wants what DAEMON says, on the task\'s IFACE/SYNCID or else the file\'s, else the init script\'s eth0 and 0', () => {
    expect(wantedSyncDaemons({ daemon: 'none' }, '')).to.deep.equal([]);
    expect(wantedSyncDaemons({}, 'DAEMON="both"')).to.equal(undefined);
    expect(wantedSyncDaemons({ daemon: 'both', iface: 'enp0s8', syncid: 2 }, 'IFACE="x"')).to.deep.equal([
      { role: 'master', iface: 'enp0s8', syncid: 2 }, { role: 'backup', iface: 'enp0s8', syncid: 2 },
    ]);
    expect(wantedSyncDaemons({ daemon: 'backup' }, 'IFACE="enp0s3"\nSYNCID="5"\n')).to.deep.equal([{ role: 'backup', iface: 'enp0s3', syncid: 5 }]);
    expect(wantedSyncDaemons({ daemon: 'master' }, '# IFACE="enp0s3"\n')).to.deep.equal([{ role: 'master', iface: 'eth0', syncid: 0 }]);
  });
});
