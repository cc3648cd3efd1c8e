// --json: a host's result keeps tsible's status (ok/changed/…) even when the module's data has a `status` of its own.
import { expect } from 'chai';
import { JsonReporter } from '../../output/json-reporter.ts';
import { emptyStats, type HostTaskResult } from '../../core/engine/results.ts';

function result(host: string, status: HostTaskResult['status'], data: Record<string, unknown>): HostTaskResult {
  return { host, status, data: data as HostTaskResult['data'], changes: status === 'changed' ? ['started'] : [], diffs: [] };
}

describe('output/json-reporter', () => {
  it('a module\'s own `status` (service: the unit state; uri: the HTTP code) becomes module_status; status stays the outcome', () => {
    let text = '';
    const r = new JsonReporter((t) => { text += t; });
    r.playStart({ name: 'p', check: false });
    r.taskStart({ name: 'svc', handler: false, module: 'service' });
    r.hostResult({ name: 'svc' }, result('h1', 'changed', { changed: true, name: 'apache2', status: { ActiveState: 'active' } }));
    r.hostResult({ name: 'svc' }, result('h2', 'ok', { changed: false, name: 'apache2' }));
    r.recap(new Map([['h1', emptyStats()], ['h2', emptyStats()]]));
    const doc = JSON.parse(text);
    const hosts = doc.plays[0].tasks[0].hosts;
    expect(hosts.h1.status).to.equal('changed');
    expect(hosts.h1.module_status).to.deep.equal({ ActiveState: 'active' });
    expect(hosts.h1.changes).to.deep.equal(['started']);
    expect(hosts.h1.name).to.equal('apache2');
    expect(hosts.h2).to.not.have.property('module_status');
    expect(hosts.h2.status).to.equal('ok');
  });
});
