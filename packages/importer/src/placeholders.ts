/**
 * Turning the placeholders of a sample text (XX, XXX, ××, ○○, 某某, ____, （单位名称）, found by
 * `@qingdan/lint`'s `findPlaceholders`) into template variables `placeholder_1`, … . Pure.
 */

import { findPlaceholders, type PlaceholderKind, type PlaceholderToken } from '@qingdan/lint';

export { findPlaceholders, type PlaceholderKind, type PlaceholderToken };

/** Where a placeholder occurs, for the report and the variable's help. */
export interface PlaceholderOccurrence {
  /** e.g. "标题", "前言第 1 段", "一、第 3 条", "二、说明第 1 段". */
  where: string;
  /** Up to 12 characters either side, with the token in 【】: "…党中央【XX】委领导…"; line breaks as spaces. */
  context: string;
}

/** A variable made for one placeholder (or several sharing a context). */
export interface PlaceholderVariable {
  key: string;
  token: string;
  kind: PlaceholderKind;
  occurrences: PlaceholderOccurrence[];
}

/** A literal "{{" of the sample must print as is: Handlebars reads `\\{{` as the text "{{". */
const escapeMustache = (s: string): string => s.replace(/\{\{/gu, '\\{{');

const HAN = /^\p{Script=Han}$/u;
const CONTEXT = 12;

function contextOf(text: string, t: PlaceholderToken): string {
  const before = text.slice(Math.max(0, t.start - CONTEXT), t.start);
  const after = text.slice(t.end, t.end + CONTEXT);
  const context = `${t.start > CONTEXT ? '…' : ''}${before}【${t.token}】${after}${t.end + CONTEXT < text.length ? '…' : ''}`;
  return context.replace(/\n/gu, ' ');
}

/**
 * Assigns variables to the placeholders of one document, in reading order, and rewrites texts
 * with `{{placeholder_n}}`.
 *
 * Sharing rule: occurrences of the same token between the same two Han characters
 * ("党中央XX委", "区XX局") are one variable, since they name the same thing; any other
 * occurrence gets its own variable, for a person to name or merge.
 */
export class PlaceholderCollector {
  readonly #variables: PlaceholderVariable[] = [];
  readonly #shared = new Map<string, PlaceholderVariable>();

  /**
   * Replaces the placeholders of `text` with `{{key}}` and records them.
   *
   * @param text - a title, paragraph or clause text of the seed
   * @param where - where the text is, in Chinese, for the report ("一、第 3 条")
   * @returns the text with Handlebars placeholders
   */
  replace(text: string, where: string): string {
    const tokens = findPlaceholders(text);
    let out = '';
    let pos = 0;
    for (const t of tokens) {
      const prev = text.slice(0, t.start).at(-1) ?? '';
      const next = text.slice(t.end)[0] ?? '';
      const shareKey = HAN.test(prev) && HAN.test(next) ? `${prev}${t.token}${next}` : undefined;
      let v = shareKey ? this.#shared.get(shareKey) : undefined;
      if (!v) {
        v = { key: `placeholder_${String(this.#variables.length + 1)}`, token: t.token, kind: t.kind, occurrences: [] };
        this.#variables.push(v);
        if (shareKey) this.#shared.set(shareKey, v);
      }
      v.occurrences.push({ where, context: contextOf(text, t) });
      out += `${escapeMustache(text.slice(pos, t.start))}{{${v.key}}}`;
      pos = t.end;
    }
    return out + escapeMustache(text.slice(pos));
  }

  /** The variables made so far, in order of first occurrence. */
  get variables(): readonly PlaceholderVariable[] {
    return this.#variables;
  }
}
