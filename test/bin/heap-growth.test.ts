// bin/heap-growth.js: with its settings a process whose objects keep surviving young collections keeps a small young generation; without them V8 doubles it (the control shows the workload does make it grow).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const settings = pathToFileURL(join(import.meta.dirname, '../../bin/heap-growth.js')).href;

/** Runs a workload that keeps allocating objects that stay alive (as 150 hosts' in-flight tasks do); prints the young generation's largest size, MB. */
function youngGenerationMb(limited: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    if (${limited}) (await import(${JSON.stringify(settings)})).limitHeapGrowth();
    const kept = [];
    let most = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 20000; i++) kept.push({ round, i, text: 'x'.repeat(i % 50) + round });
      if (kept.length > 200000) kept.splice(0, 100000);
      await new Promise((r) => setImmediate(r));
      most = Math.max(most, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
    }
    console.log(most / 1048576);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).to.equal(0);
  return Number(r.stdout.trim());
}

describe('bin/heap-growth.js', () => {
  it('keeps the young generation at its starting size where V8 would double it', () => {
    const grown = youngGenerationMb(false);
    const limited = youngGenerationMb(true);
    expect(grown, "the workload makes an unlimited young generation grow").to.be.greaterThan(8);
    expect(limited).to.be.at.most(3);
  });
});
