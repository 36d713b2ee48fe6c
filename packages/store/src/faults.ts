/**
 * Deterministic fault injection for tests: the environment variable `QINGDAN_FAULT` makes the
 * store fail or kill the process at a named point, so that tests of crash consistency and write
 * errors need no timing (no sleeping and killing). Unset, nothing here does anything.
 *
 * `QINGDAN_FAULT` holds comma-separated faults:
 * - `fail-write=<text>`: writing a file whose path contains `<text>` fails as a full disk does (`ENOSPC`);
 * - `kill-after-write=<text>`: the process is killed (`SIGKILL`) right after a file whose path
 *   contains `<text>` is renamed into place, before the manifest lists it;
 * - `kill-after-list=<n>`: the process is killed right after the n-th document is listed in the manifest;
 * - `signal-after-list=<SIGNAL>@<n>`: the process sends itself `SIGNAL` (`SIGINT` as Ctrl+C does,
 *   `SIGTERM`) right after the n-th document is listed, so that a test can check what a stop does.
 */

/** The faults asked for (read once per thread from `QINGDAN_FAULT`). */
interface Faults {
  failWrite?: string;
  killAfterWrite?: string;
  killAfterList?: number;
  signalAfterList?: { signal: NodeJS.Signals; n: number };
}

function parse(text: string | undefined): Faults {
  const out: Faults = {};
  for (const part of (text ?? '').split(',')) {
    const [name, value = ''] = part.split('=', 2).map((s) => s.trim());
    if (name === 'fail-write' && value) out.failWrite = value;
    else if (name === 'kill-after-write' && value) out.killAfterWrite = value;
    else if (name === 'kill-after-list' && Number(value) > 0) out.killAfterList = Number(value);
    else if (name === 'signal-after-list') {
      const [signal, n] = value.split('@');
      if ((signal === 'SIGINT' || signal === 'SIGTERM') && Number(n) > 0) out.signalAfterList = { signal, n: Number(n) };
    }
  }
  return out;
}

const faults = parse(process.env.QINGDAN_FAULT);
let listed = 0;

/** Throws an `ENOSPC` error when `fail-write` names this path. */
export function faultBeforeWrite(path: string): void {
  if (faults.failWrite && path.includes(faults.failWrite)) {
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', path });
  }
}

/** Kills the process when `kill-after-write` names this path (called right after the rename). */
export function faultAfterWrite(path: string): void {
  if (faults.killAfterWrite && path.includes(faults.killAfterWrite)) process.kill(process.pid, 'SIGKILL');
}

/** Kills or signals the process after the n-th listed document (`kill-after-list`, `signal-after-list`; called right after listing). */
export function faultAfterList(): void {
  listed += 1;
  if (faults.killAfterList !== undefined && listed === faults.killAfterList) process.kill(process.pid, 'SIGKILL');
  if (faults.signalAfterList && listed === faults.signalAfterList.n) process.kill(process.pid, faults.signalAfterList.signal);
}
