/**
 * Every question the CLI asks, in one small module that tests replace with `vi.mock` (style
 * example 11: changesets' `cli-utilities.ts`). The interview calls only these functions, so a
 * test can script the answers by message without a terminal.
 *
 * Ctrl+C during a prompt rejects with inquirer's `ExitPromptError`; the CLI turns it into
 * “已取消” and exit code 130.
 */
import { checkbox, confirm, input, select } from '@inquirer/prompts';

/** A line of text. `validate` returns `true` or a Chinese message shown under the prompt. */
export async function askText(question: {
  message: string;
  default?: string | undefined;
  validate?: (value: string) => true | string;
}): Promise<string> {
  return input({
    message: question.message,
    ...(question.default !== undefined ? { default: question.default } : {}),
    ...(question.validate ? { validate: question.validate } : {}),
  });
}

/** Yes or no. */
export async function askConfirm(question: { message: string; default?: boolean | undefined }): Promise<boolean> {
  return confirm({
    message: question.message,
    default: question.default ?? true,
    theme: { keywords: { yes: '是', no: '否', error: () => '请回答“是”（y）或“否”（n）' } },
  });
}

/** One of several choices; returns the chosen `value`. */
export async function askSelect<T extends string>(question: {
  message: string;
  choices: readonly { name: string; value: T }[];
  default?: T | undefined;
}): Promise<T> {
  return select<T>({
    message: question.message,
    choices: question.choices.map((c) => ({ name: c.name, value: c.value })),
    ...(question.default !== undefined ? { default: question.default } : {}),
    theme: { style: { keysHelpTip: () => '（↑↓ 移动，回车 选定）' } },
  });
}

/** Several of several choices; returns the chosen `value`s (at least one). */
export async function askCheckbox<T extends string>(question: {
  message: string;
  choices: readonly { name: string; value: T; checked?: boolean }[];
}): Promise<T[]> {
  return checkbox<T>({
    message: question.message,
    choices: question.choices.map((c) => ({ name: c.name, value: c.value, checked: c.checked ?? false })),
    theme: { style: { keysHelpTip: () => '（↑↓ 移动，空格 选中或取消，回车 确认）' } },
    validate: (items) => (items.length > 0 ? true : '请至少选择一项'),
  });
}
