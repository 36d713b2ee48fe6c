/**
 * Chinese help and usage errors for commander: titles (用法, 选项, 命令 …) and the texts of the
 * errors commander raises itself (unknown option, missing option value …).
 */
import { Command } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const ERRORS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/unknown option '([^']+)'(?:\s*\(Did you mean (.+)\?\))?/u, (m) => `未知的选项 ${m[1] ?? ''}${m[2] ? `（是不是要用 ${m[2]}？）` : ''}`],
  [/unknown command '([^']+)'(?:\s*\(Did you mean (.+)\?\))?/u, (m) => `未知的命令 ${m[1] ?? ''}${m[2] ? `（是不是要用 ${m[2]}？）` : ''}`],
  [/required option '([^']+)' not specified/u, (m) => `缺少必需的选项 ${m[1] ?? ''}`],
  [/option '([^']+)' argument missing/u, (m) => `选项 ${m[1] ?? ''} 需要一个值`],
  [/missing required argument '([^']+)'/u, (m) => `缺少参数 <${m[1] ?? ''}>`],
  [/too many arguments/u, () => '参数过多'],
];

/**
 * The width of a string in terminal columns: East Asian wide and full-width characters take two
 * (Unicode UAX #11), so the help columns line up with Chinese option names. ANSI styles count zero.
 */
export function displayWidth(text: string): number {
  let width = 0;
  // eslint-disable-next-line no-control-regex
  for (const ch of text.replace(/\u001b\[[0-9;]*m/gu, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0x303e) ||
      (cp >= 0x3041 && cp <= 0x33ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xa000 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Translates one of commander's English error messages into Chinese, with a hint to `--help`. */
export function translateCommanderError(text: string, commandName: string): string {
  for (const [re, fn] of ERRORS) {
    const m = re.exec(text);
    if (m) return `错误：${fn(m)}。用 ${commandName} --help 查看用法。\n`;
  }
  return text;
}

/**
 * Applies the Chinese help texts to a command (call for the program and each sub-command).
 * Output goes through `write` / `writeErr`, so tests and the CLI choose the streams.
 */
export function chineseHelp(cmd: Command, out: { write: (s: string) => void; writeErr: (s: string) => void }): Command {
  const name = (): string => {
    const parts: string[] = [];
    for (let c: Command | null = cmd; c; c = c.parent) parts.unshift(c.name());
    return parts.join(' ');
  };
  return cmd
    .helpOption('-h, --help', '显示帮助')
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      sortOptions: false,
      displayWidth,
      // commander wraps at spaces, which Chinese text has few of; let the terminal wrap instead
      boxWrap: (text: string) => text,
      subcommandTerm: (sub: Command) =>
        [sub.name(), sub.options.length > 0 ? '[选项]' : '', ...sub.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`))]
          .filter(Boolean)
          .join(' '),
    })
    .configureOutput({
      writeOut: out.write,
      writeErr: out.writeErr,
      outputError: (text, write) => write(translateCommanderError(text, name())),
    })
    .showSuggestionAfterError(true);
}
