#!/usr/bin/env -S node --v8-pool-size=1 --max-semi-space-size=8
/**
 * The `qingdan` executable: runs the command line and exits with its code.
 *
 * Node runs it with `--v8-pool-size=1` (the line above; npm's Windows shims read it too): V8's
 * background work (concurrent garbage collection, optimising compilation) gets one helper thread
 * instead of four. A batch keeps every core busy with a worker each, and the extra helpers only
 * competed with them and with the main thread. Measured on 2 cores, interleaved runs, without →
 * with: 500 responsibility lists with two workers 14.0–14.8 → 12.4–13.1 s; 300 in one thread
 * 10.6–11.2 → 9.9–10.2 s; `generate` for one leader from a cold start 1,076–1,190 → 889–944 ms.
 * It costs memory in long batches, as the one helper frees pages later: 1,000 leaders peaked at
 * 267–277 MB instead of 253–281 (medians 274 / 263), 100 leaders at 243–248 instead of 240–250
 * (see bench/README.md). `--single-threaded-gc` was faster still with two workers (11.9–12.5 s)
 * but not in one thread, and took 10–40 MB more; `--v8-pool-size=2` and `--no-parallel-scavenge`
 * were between the two.
 *
 * `--max-semi-space-size=8` caps the main thread's young generation at two 8 MB semi-spaces, the
 * size the batch workers already have: their 16 MB young-generation limit (`WORKER_YOUNG_GENERATION_MB`
 * in `@qingdan/batch`) comes out as 8 MB semi-spaces, as V8 rounds up to a power of two. V8 applies
 * this option to every thread's heap in place of a worker's own limit, so the two must agree
 * (`tests/cli-basics` measures both). Without the cap, V8 doubled the main thread's semi-spaces
 * to 16 MB while a roster of 1,000 leaders was planned (it grows them when enough has survived its
 * collections since the last growth), +16 MB for the rest of the batch; 100 leaders never got
 * there. Measured on 2 cores, interleaved, without → with (bench/README.md): 100 / 1,000 leaders
 * medians 243 / 270 → 237.5 / 258 MB (+11.1 → +8.6 %; the main thread's largest heap 50.5–52 →
 * 34.7–35 MB at 1,000), the time of two workers within the runs' spread. In one thread (`--jobs 1`,
 * the main thread renders with the workers' young generation) 300 leaders took 15–30 MB less
 * (medians 249 → 224 MB) and 4–6 % longer (10 interleaved runs: medians 10.0 → 10.6 s).
 *
 * Node reads the options when it starts; without them (`node dist/bin.js`) everything works the
 * same, only slower and with more memory.
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
