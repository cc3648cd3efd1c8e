// The console reporter's PLAY RECAP: hosts in Ansible's order (Python's sorted(): by code point, capitals first).
import { expect } from 'chai';
import { ConsoleReporter } from '../../output/console-reporter.ts';

describe('ConsoleReporter', () => {
  it('lists the recap by code point, as Ansible sorts host names (not by locale)', () => {
    let text = '';
    const reporter = new ConsoleReporter({ write: (t) => { text += t; }, color: false, diff: false, verbosity: 0 });
    const stats = { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
    reporter.recap(new Map(['web10', 'b', 'Web2', 'a', 'web2', 'B', 'é', 'z'].map((h) => [h, stats])));
    const hosts = text.split('\n').filter((l) => l.includes(' : ok=')).map((l) => l.split(' ')[0]);
    // python3 -c 'print(sorted(["web10","b","Web2","a","web2","B","é","z"]))'
    expect(hosts).to.deep.equal(['B', 'Web2', 'a', 'b', 'web10', 'web2', 'z', 'é']);
  });
});
