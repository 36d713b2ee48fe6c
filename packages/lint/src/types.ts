/**
 * The shapes inside the lint: a paragraph as the rules see it, a rule, and what a rule reports.
 * The finding a caller gets (`LintFinding`) and the context it declares (`LintContext`) are zod
 * schemas in `@qingdan/model`.
 */
import type { AdminLevel, OrganKind, Severity } from '@qingdan/model';
import type { Prefecture, Province } from './places.js';

/** A paragraph as the rules see it. */
export interface LintParagraph {
  /** The text a reader sees, number included (`12.深刻领悟……`). */
  text: string;
  /** Where, in words, for messages: `标题`, `12.`, `第 3 段`, `第 39 行`, `表格 1 第 2 行第 3 列`, `页眉`. */
  where: string;
  /** `title`: a title line of a resolved document; otherwise the part of the file. */
  part: 'title' | 'body' | 'table' | 'header' | 'footer';
  /**
   * Paragraphs numbered as one sequence share a container: the title and body are `body`, each
   * table is `table <n>`; headers and footers are never numbered lists.
   */
  container: string;
  /** Word numbers the paragraph itself: its number is not in `text`. */
  autoNumbered?: boolean;
}

/** The declared context with names looked up and what was inferred filled in. */
export interface ResolvedContext {
  province?: Province;
  city?: Prefecture;
  county?: string;
  unit?: string;
  /** The leader's name without a trailing 同志. */
  leader?: string;
  year?: number;
  /** Where the year came from: declared, or read from the title. */
  yearFrom?: 'declared' | 'title';
  level?: AdminLevel;
  organ?: OrganKind;
  /** True for the five autonomous regions (内蒙古, 广西, 西藏, 宁夏, 新疆), where 区委 and 区直 mean the 自治区's. */
  autonomousRegion: boolean;
  /** True for 北京, 天津, 上海, 重庆. */
  municipality: boolean;
}

/** One thing a rule found in one paragraph. */
export interface Hit {
  /** 0-based index of the paragraph in the list the rule was given. */
  paragraph: number;
  /** Offset of the matched span in the paragraph's text, UTF-16 code units. */
  offset: number;
  /** The matched span itself. */
  text: string;
  /** Chinese, “出现 X，应为 Y”. */
  message: string;
  /** The replacement, when there is one (`''`: delete the span). */
  suggestion?: string;
  /** Context to show instead of the 8 characters either side (e.g. the sentence of a year). */
  excerpt?: string;
}

/**
 * A lint rule: one file in `rules/`, listed in `registry.ts`.
 *
 * @example
 * export const doubledTongzhi: Rule = { id: 'doubled-tongzhi', severity: 'error', description: '“同志同志”',
 *   check: perParagraph((text) => spans(/同志同志/gu, text).map((m) => ({ ...m, message: '出现“同志同志”，应为“同志”', suggestion: '同志' }))) };
 */
export interface Rule {
  /** Stable id, kebab-case (`doubled-punctuation`); printed with every finding and used in `--json`. */
  id: string;
  severity: Severity;
  /** One line in Chinese: what the rule looks for and when it stays quiet (the docs table is made from it). */
  description: string;
  /** Looks at the whole document (some rules compare paragraphs) and reports every hit. */
  check(paragraphs: readonly LintParagraph[], context: ResolvedContext): Hit[];
}
