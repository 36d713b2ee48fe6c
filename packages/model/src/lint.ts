/**
 * The shape of a proofreading finding (`@qingdan/lint`): it crosses package boundaries — the
 * `qingdan check --json` output, the batch's summary and manifest, the web preview — so it is
 * written once, here.
 */
import { z } from 'zod';

/**
 * How serious a finding is: `error` — the list must not go out like this (a leftover XX, ，，);
 * `warning` — a person should look (a place of another province, a year not the list's);
 * `info` — a hint (an outdated 提法). `qingdan check` exits 1 on any error or warning.
 */
export const Severity = z.enum(['error', 'warning', 'info']);
/** See {@link Severity}. */
export type Severity = z.infer<typeof Severity>;

/** One finding of a lint rule in one paragraph. */
export const LintFinding = z.strictObject({
  /** The rule's id, e.g. `placeholder`, `doubled-punctuation`. */
  rule: z.string().min(1),
  severity: Severity,
  /** In Chinese, “出现 X，应为 Y” style: what was found and what is expected. */
  message: z.string().min(1),
  /** 1-based number of the paragraph in the document's reading order (title lines and blocks for a resolved document). */
  paragraph: z.number().int().min(1),
  /** Where the matched text starts in the paragraph, in UTF-16 code units from 0. */
  offset: z.number().int().min(0),
  /** The matched span itself, e.g. `，，`, `XX`, `新时代贵州精神`. */
  text: z.string(),
  /** The replacement, when one can be named (e.g. `，`); absent when a person must decide. */
  suggestion: z.string().optional(),
  /** The paragraph's place in words, for messages: `标题`, `12.`, `第 3 段`, `表格 1 第 2 行第 3 列`, `页眉`. */
  where: z.string(),
  /** Up to 8 characters either side of the match, for a reader to find it. */
  excerpt: z.string(),
});
/** See {@link LintFinding}. */
export type LintFinding = z.infer<typeof LintFinding>;

/** An administrative level as units name it: 省 (and 自治区, 直辖市), 市 (prefecture), 县 (and 旗, county-level 市), 区 (district). */
export const AdminLevel = z.enum(['省', '市', '县', '区']);
/** See {@link AdminLevel}. */
export type AdminLevel = z.infer<typeof AdminLevel>;

/** The kind of unit a list is for: a Party or government organ, a school, a hospital, a 街道 / 乡 / 镇. */
export const OrganKind = z.enum(['机关', '学校', '医院', '街道乡镇']);
/** See {@link OrganKind}. */
export type OrganKind = z.infer<typeof OrganKind>;

/**
 * What the list declares about itself, for the rules that compare the text with it (foreign
 * places, organ and level mismatches, years, names written two ways). Every field is optional:
 * a rule whose input is missing stays quiet, and `organ` and `level` are inferred from `unit`
 * when not given (see `@qingdan/lint`'s `resolveContext`).
 */
export const LintContext = z.strictObject({
  /** The province-level division, short or full: `浙江`, `浙江省`, `内蒙古自治区`. */
  province: z.string().min(1).optional(),
  /** The prefecture-level city: `杭州`, `杭州市`, `锡林郭勒盟`. */
  city: z.string().min(1).optional(),
  /** The county-level division: `西湖区`, `安吉县`, `正蓝旗`. */
  county: z.string().min(1).optional(),
  /** The unit's name: `区发展和改革局`. */
  unit: z.string().min(1).optional(),
  /** The leader's name as the list writes it: `王建国同志`. */
  leader: z.string().min(1).optional(),
  /** The list's year (年度). */
  year: z.number().int().min(1900).max(2999).optional(),
  level: AdminLevel.optional(),
  organ: OrganKind.optional(),
});
/** See {@link LintContext}. */
export type LintContext = z.infer<typeof LintContext>;
