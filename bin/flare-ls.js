#!/usr/bin/env node
import { main } from '../dist/server/src/main.js';

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`flare-ls: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 70;
});
