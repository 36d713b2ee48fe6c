#!/usr/bin/env node
/**
 * The `qingdan` executable: runs the command line and exits with its code.
 */
import { run } from './program.js';

// `qingdan --help | head`: a closed pipe is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
