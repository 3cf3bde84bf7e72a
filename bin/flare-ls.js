#!/usr/bin/env node
import { main } from '../dist/server/src/main.js';

main(process.argv.slice(2));
