import type { Answers, Condition, Scalar, Value } from '@qingdan/model';

/** True when a value counts as given: not undefined, not a blank string, not an empty list, not `false`. */
export function isSet(value: Value | undefined): boolean {
  if (value === undefined || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

const same = (a: Value | undefined, b: Scalar): boolean =>
  Array.isArray(a) ? a.some((item) => item === b) : a === b;

/**
 * Evaluates a declarative condition on normalised answers.
 * For a list value, `equals` and `in` hold when any item matches.
 *
 * @param condition - the condition of a clause, section, paragraph or segment
 * @param answers - answers already normalised by the template's variable types
 * @returns whether the guarded element is kept
 * @example evaluate({ var: 'window_unit', equals: true }, { window_unit: true }) // true
 */
export function evaluate(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, answers));
  if ('not' in condition) return !evaluate(condition.not, answers);
  const value = answers[condition.var];
  if ('equals' in condition) return same(value, condition.equals);
  if ('in' in condition) return condition.in.some((b) => same(value, b));
  return isSet(value) === condition.isSet;
}
