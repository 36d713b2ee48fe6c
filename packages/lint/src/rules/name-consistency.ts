import { spans } from '../text.js';
import type { Hit, LintParagraph, Rule } from '../types.js';

/** An organ system written in full or short: 市直属机关 / 市直机关. */
const SYSTEM = /([省市区县旗])直(属)?机关(?!工委)/gu;

/** True when every character of `short` occurs in `long` in the same order. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i += 1;
  return i === short.length;
}

/** Same length, one character different. */
const oneApart = (a: string, b: string): boolean => a.length === b.length && [...a].filter((ch, i) => ch !== b[i]).length === 1;

/**
 * The unit's name shortened in places (区发展改革局 beside 区发展和改革局): a span that begins and
 * ends as the name does, keeps at least half of it in order, and is not the name itself. Only
 * when the full name is also in the document (“written two ways”).
 */
function unitVariants(paragraphs: readonly LintParagraph[], unit: string): Hit[] {
  const first = unit[0] ?? '';
  const lastChar = unit.at(-1) ?? '';
  const min = Math.max(3, Math.ceil(unit.length / 2));
  const out: Hit[] = [];
  for (const [index, p] of paragraphs.entries()) {
    const text = p.text;
    for (let i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      if (text.startsWith(unit, i)) continue;
      for (let len = unit.length - 1; len >= min; len -= 1) {
        const span = text.slice(i, i + len);
        if (span.length === len && span.at(-1) === lastChar && isSubsequence(span, unit)) {
          out.push({ paragraph: index, offset: i, text: span, message: `单位名称写法不一：出现“${span}”，应为“${unit}”`, suggestion: unit });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The leader's name with one character wrong (王建同志, 王健国同志 beside 王建国同志): a name of
 * the same surname before 同志, one character off or one short. Only when the right name is also
 * in the document.
 */
function leaderVariants(paragraphs: readonly LintParagraph[], leader: string): Hit[] {
  const out: Hit[] = [];
  for (const [index, p] of paragraphs.entries()) {
    for (const m of spans(/同志/gu, p.text)) {
      for (const len of [leader.length, leader.length - 1]) {
        if (len < 2 || m.offset < len) continue;
        const name = p.text.slice(m.offset - len, m.offset);
        if (name === leader || p.text.slice(m.offset - leader.length, m.offset) === leader) break;
        if (name[0] !== leader[0]) continue;
        if ((len === leader.length && oneApart(name, leader)) || (len < leader.length && isSubsequence(name, leader))) {
          out.push({ paragraph: index, offset: m.offset - len, text: name, message: `姓名写法不一：出现“${name}同志”，应为“${leader}同志”`, suggestion: leader });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * One organ system written two ways (市直属机关 and 市直机关): the less used form is reported, the
 * more used one (the earlier on a tie) suggested.
 */
function systemVariants(paragraphs: readonly LintParagraph[]): Hit[] {
  const found = paragraphs.flatMap((p, index) => spans(SYSTEM, p.text).map((m) => ({ index, m, level: m.groups[0] ?? '', full: m.groups[1] !== undefined })));
  const out: Hit[] = [];
  for (const level of new Set(found.map((f) => f.level))) {
    const forms = found.filter((f) => f.level === level);
    const full = forms.filter((f) => f.full);
    const short = forms.filter((f) => !f.full);
    if (full.length === 0 || short.length === 0) continue;
    const keepFull = full.length > short.length || (full.length === short.length && (full[0]?.index ?? 0) <= (short[0]?.index ?? 0));
    const [odd, usual] = keepFull ? [short, `${level}直属机关`] : [full, `${level}直机关`];
    for (const f of odd) {
      out.push({ paragraph: f.index, offset: f.m.offset, text: f.m.text, message: `机关系统写法不一：出现“${f.m.text}”，本文其他处写作“${usual}”，应统一`, suggestion: usual });
    }
  }
  return out;
}

/** The unit's or the leader's name, or the organ system, written two ways in one document. */
export const nameConsistency: Rule = {
  id: 'name-consistency',
  severity: 'warning',
  description: '同一名称写法不一：单位名称的简写与全称并存（区发展改革局 / 区发展和改革局）、班子成员姓名错一字或少一字、“市直属机关”与“市直机关”并存',
  check(paragraphs, context) {
    const has = (name: string): boolean => paragraphs.some((p) => p.text.includes(name));
    return [
      ...(context.unit !== undefined && context.unit.length >= 4 && has(context.unit) ? unitVariants(paragraphs, context.unit) : []),
      ...(context.leader !== undefined && context.leader.length >= 2 && has(`${context.leader}同志`) ? leaderVariants(paragraphs, context.leader) : []),
      ...systemVariants(paragraphs),
    ];
  },
};
