/**
 * `@qingdan/lint`: proofreading (校对) of a list — one qingdan resolved, or any document read
 * from a file — for what carried-over wording leaves behind: placeholders, another place's names
 * and slogans, another kind or level of organ, wrong years, typography, names written two ways,
 * outdated 提法.
 *
 * - {@link lintDocument}: a `ResolvedDocument` (what the batch and the preview check);
 * - {@link lintParagraphs}: paragraphs read from a `.docx` or `.txt` (what `qingdan check` checks);
 * - {@link lintText}: plain text, a paragraph a line;
 * - {@link resolveContext}: the declared context looked up and completed (province, city, the
 *   unit's kind and level, the year), with its problems;
 * - {@link rules}: the registry, one rule a file in `src/rules/` (id, severity, Chinese
 *   description, check); {@link formatLint}: a finding a line.
 *
 * Findings are `LintFinding` and the context `LintContext`, zod schemas in `@qingdan/model`.
 * Data files (in `src/data/`, each with its source and date): the provinces and prefecture-level
 * cities after GB/T 2260, the regional slogans and the national spirits, the outdated wording.
 */
import type { LintFinding } from '@qingdan/model';

export { lintDocument, lintParagraphs, lintText, formatLint, describeLocation, type LintOptions } from './run.js';
export { resolveContext, organOf, contextFromAnswers, type AnswersContext } from './context.js';
export { rules } from './registry.js';
export { findPlaceholders, type PlaceholderKind, type PlaceholderToken } from './placeholders.js';
export { DIVISIONS_SOURCE } from './places.js';
export type { Rule, Hit, LintParagraph, ResolvedContext } from './types.js';
export type { Severity, LintContext, LintFinding } from '@qingdan/model';

/** A finding: the name the batch, the CLI and the web app have used (same as `LintFinding`). */
export type LintMessage = LintFinding;
