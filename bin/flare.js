#!/usr/bin/env node
import { main } from '../dist/server/src/cli.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`flare: internal error: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 70;
});
