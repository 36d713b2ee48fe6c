#!/usr/bin/env -S node --single-threaded-gc
/**
 * The `qingdan` executable: runs the command line and exits with its code.
 *
 * Node runs it with `--single-threaded-gc` (the line above; npm's Windows shims read it too): V8
 * then collects garbage in the thread that made it, without its helper threads. A batch keeps
 * every core busy with a worker each, and the helpers only competed with them: on 2 cores, 500
 * responsibility lists took 12.9–13.0 s instead of 14.5–15.4 s end to end (`qingdan batch`, three
 * runs each), for ≈ 10 MB more peak memory (see bench/README.md). The flag must be given when Node
 * starts: changing V8's GC flags at run time (`v8.setFlagsFromString`) crashed worker threads.
 * Without it (`node dist/bin.js`) everything works the same, only slower.
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
