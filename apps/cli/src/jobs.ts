/**
 * Values by role for the interview's output path. An answers file becomes a one-unit roster with
 * `rosterFromAnswers` of `@qingdan/roster` (the roster's own validation) and is planned by
 * `@qingdan/batch`, so `generate`, `interview` and `batch` give the same job keys, folders and
 * file names.
 */
import type { Answers, Template } from '@qingdan/model';

/**
 * The value of the variable that plays `role` (year, unit name, leader name), from the first
 * template declaring one that `answers` fills, as trimmed text.
 * @returns `undefined` when no such variable has a non-blank text or number value
 */
export function roleValue(templates: readonly Template[], role: 'year' | 'unit' | 'leader', answers: Answers): string | undefined {
  for (const t of templates) {
    const v = t.variables.find((x) => x.role === role);
    const value = v ? answers[v.key] : undefined;
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text !== '') return text;
  }
  return undefined;
}
