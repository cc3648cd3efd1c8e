// Mocha root hooks (registered in .mocharc.json): tear down the shared test lab once every test file ran.
import { teardownSharedLab } from './lab.ts';

/** Root hook plugin: `afterAll` runs once, after all suites. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await teardownSharedLab({ onlyIfOwned: true });
  },
};
