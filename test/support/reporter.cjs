// Mocha reporter: the spec reporter, plus the plain closing line CI reads ("N passed, N failed, N skipped") and the slowest test files.
'use strict';
const Mocha = require('mocha');
const { relative } = require('node:path');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

/** How many of the slowest files the closing summary lists (where a long CI run went). */
const SLOWEST = 15;

class TsibleReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const fileMs = new Map();
    const began = new Map();
    runner.on(EVENT_SUITE_BEGIN, (suite) => { if (suite.file && suite.parent?.root) began.set(suite, Date.now()); });
    runner.on(EVENT_SUITE_END, (suite) => {
      const t = began.get(suite);
      if (t === undefined) return;
      const file = relative(process.cwd(), suite.file);
      fileMs.set(file, (fileMs.get(file) ?? 0) + Date.now() - t);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      const slow = [...fileMs].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST).filter(([, ms]) => ms >= 1000);
      if (slow.length > 1) {
        console.log(`\nslowest files (of ${fileMs.size}, ${Math.round((s.duration ?? 0) / 1000)} s in all; a lab's start counts in the first file that uses it):`);
        for (const [file, ms] of slow) console.log(`  ${String(Math.round(ms / 1000)).padStart(5)} s  ${file}`);
      }
      console.log(`\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
    });
  }
}
module.exports = TsibleReporter;
