/**
 * Driving the built CLI in a pseudo-terminal, with `script` from util-linux (in every Debian
 * install: package bsdutils is essential), so no native module (node-pty) is needed: `script`
 * gives the child a terminal and forwards what we write to its stdin as keystrokes.
 */
import { spawn } from 'node:child_process';
import { cliArgv, cliEnv, REPO } from './cli.js';

/** Removes ANSI escape sequences (colours, cursor moves) from terminal output. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\u001b[=>78]/gu, '');
}

/** What a pseudo-terminal session gave. */
export interface PtySession {
  code: number | null;
  /** Everything the program drew, escape sequences removed. */
  screen: string;
  /** The prompts answered, in order (the text after “? ”). */
  prompts: string[];
}

/**
 * Runs `qingdan <args>` in a pseudo-terminal and answers each prompt.
 *
 * @param args - the CLI's arguments
 * @param answer - given the prompt line (e.g. `年度（清单所属的年度，如 2024）`), the keys to send
 *   (`'\r'` = Enter, `'\u0003'` = Ctrl+C); `undefined` sends Enter
 * @param options - `timeoutMs`: give up (kill) after this long
 */
export function drivePty(args: readonly string[], answer: (prompt: string) => string | undefined, options: { timeoutMs?: number } = {}): Promise<PtySession> {
  const quote = (s: string): string => `'${s.replace(/'/gu, `'\\''`)}'`;
  // a wide terminal, so that long Chinese prompts stay on one line
  const command = `stty cols 250 rows 50; exec ${[process.execPath, ...cliArgv(args)].map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: REPO,
    env: cliEnv({ TERM: 'xterm-256color' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let consumed = 0;
  const prompts: string[] = [];
  let idleTimer: NodeJS.Timeout | undefined;
  const onIdle = (): void => {
    const fresh = stripAnsi(raw.slice(consumed));
    const at = fresh.lastIndexOf('? ');
    if (at < 0) return;
    const prompt = (fresh.slice(at + 2).split(/\r?\n/u)[0] ?? '').trim();
    prompts.push(prompt);
    consumed = raw.length;
    child.stdin.write(answer(prompt) ?? '\r');
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    raw += d;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(onIdle, 150);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (raw += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(idleTimer);
      clearTimeout(killer);
      resolve({ code, screen: stripAnsi(raw), prompts });
    });
  });
}
