/**
 * Tests that need an outside program (LibreOffice, poppler-utils, Chromium) use these helpers.
 * Locally a missing program skips the tests with a loud message; with `QINGDAN_REQUIRE_TOOLS=1`
 * (set by `.ci/run`) a missing program fails them instead, so CI never passes by skipping.
 */
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** True when `cmd` can be found on the PATH (or is an existing absolute path). */
export function hasTool(cmd: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v "${cmd}"`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** The programs in `cmds` that are missing. */
export function missingTools(cmds: readonly string[]): string[] {
  return cmds.filter((c) => !hasTool(c));
}

/**
 * `describe` that runs only when every program in `tools` is installed. When one is missing it
 * skips loudly, or, under `QINGDAN_REQUIRE_TOOLS=1`, registers a failing test that names it.
 */
export function describeWithTools(tools: readonly string[], name: string, fn: () => void): void {
  const missing = missingTools(tools);
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const msg = `缺少外部程序 ${missing.join('、')}：跳过「${name}」。安装方法见 .ci/run（apt-get install …）。`;
  if (process.env.QINGDAN_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      it('has the programs it needs', () => {
        throw new Error(`${msg}（QINGDAN_REQUIRE_TOOLS=1，不允许跳过）`);
      });
    });
    return;
  }
  console.warn(`\n!!!!!!!! ${msg}\n`);
  describe.skip(name, fn);
}
