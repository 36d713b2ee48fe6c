#!/usr/bin/env node
/**
 * The `qingdan` executable: runs the command line and exits with its code. Output that closes
 * early (`qingdan batch … | head -1`) does not stop the work: see `io.ts`.
 */
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2));
