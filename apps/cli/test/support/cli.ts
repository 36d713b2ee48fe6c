/**
 * Running the built `qingdan` binary in tests (`node apps/cli/dist/bin.js`), as a user would.
 * `npm test` builds first; run alone, build with `npx turbo run build --filter=@qingdan/cli...`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(import.meta.dirname, '../../../..');
/** The built CLI. */
export const CLI_BIN = join(REPO, 'apps/cli/dist/bin.js');

/** `process.execPath`'s arguments that run the built CLI with `args`, as the `qingdan` executable does. */
export function cliArgv(args: readonly string[]): string[] {
  return [CLI_BIN, ...args];
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Fails with a clear message when `apps/cli/dist` is missing or older than `apps/cli/src`.
 * @throws {Error} naming the build command
 */
export function assertBuilt(): void {
  const how = '请先构建：npx turbo run build --filter=@qingdan/cli...（npm test 会自动构建）';
  if (!existsSync(CLI_BIN)) throw new Error(`找不到 ${relative(REPO, CLI_BIN)}。${how}`);
  if (newest(join(REPO, 'apps/cli/src')) > newest(join(REPO, 'apps/cli/dist'))) {
    throw new Error(`apps/cli/dist 比 apps/cli/src 旧。${how}`);
  }
}

/** What a run of the CLI gave. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for the child: no colours, no inherited QINGDAN_* settings. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const k of Object.keys(env)) if (k.startsWith('QINGDAN_') && k !== 'QINGDAN_REQUIRE_TOOLS') delete env[k];
  return { ...env, ...extra };
}

/** Starts the CLI without waiting (stdin is not a terminal). */
export function startCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, cliArgv(args), { cwd: options.cwd ?? REPO, env: cliEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the CLI to the end and collects its output. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
