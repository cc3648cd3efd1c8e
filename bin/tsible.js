#!/usr/bin/env node
// The tsible command: registers the TypeScript loader (no build step), then runs the CLI.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
