// Test support: `node --import ./record-imports.mjs …` appends the URL of every module the process loads to $RECORD_IMPORTS_TO (one a line).
import { register } from 'node:module';

if (process.env.RECORD_IMPORTS_TO) register('./record-imports-hook.mjs', import.meta.url, { data: { out: process.env.RECORD_IMPORTS_TO } });
