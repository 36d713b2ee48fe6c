/**
 * Stand-ins for a preview of answers still being filled in: a variable without a usable value
 * (required and missing, or malformed) is printed as a visible gap such as 【单位名称】 instead of
 * the whole document failing, so that the reader sees where the answer will go and never mistakes
 * the sample's own wording (XX, 2023) for an answer.
 */
import type { Answers, Template, Variable } from '@qingdan/model';
import { normalizeAnswers, type NormalizedAnswers } from './answers.js';

/** The usual stand-in: the variable's label in 【】, e.g. `【单位名称】`. */
export const labelGap = (v: Variable): string => `【${v.label}】`;

/**
 * Answers for a preview: the values the engine accepts, plus `standIn(variable)` for each
 * variable the engine reports a problem with (a list variable gets a one-item list). Optional
 * variables left empty stay empty, as in the final document. The stand-in is text: a condition on
 * that variable sees a text value (`isSet` holds, `equals` a choice or `true` does not).
 *
 * @param template - the template whose declarations apply
 * @param raw - the answers as typed
 * @param standIn - the text printed for a variable without a usable value
 * @param options - `allowUnknown`: ignore keys the template does not declare
 * @returns the answers with stand-ins, the issues (every problem, as `normalizeAnswers` reports
 *   them) and the keys that got a stand-in; never throws
 */
export function withStandIns(
  template: Template,
  raw: Answers,
  standIn: (variable: Variable) => string,
  options: { allowUnknown?: boolean } = {},
): NormalizedAnswers & { standIns: string[] } {
  const result = normalizeAnswers(template, raw, options);
  const answers: Answers = { ...result.answers };
  const standIns: string[] = [];
  const flagged = new Set(result.issues.map((i) => i.where?.variable).filter((k): k is string => typeof k === 'string'));
  for (const v of template.variables) {
    if (!flagged.has(v.key) || answers[v.key] !== undefined) continue;
    answers[v.key] = v.type === 'list' ? [standIn(v)] : standIn(v);
    standIns.push(v.key);
  }
  return { ...result, answers, standIns };
}
