/**
 * Checks answers against a template's own variable declarations and brings them to their
 * declared types (a roster cell "2024" becomes the year 2024, "是" becomes `true`, "办公室、财务科"
 * becomes a list). Every problem is reported in one pass, in Chinese, naming label and key.
 */
import { QingdanError, sanitizeText, type Answers, type Issue, type Template, type Value, type Variable } from '@qingdan/model';
import { isSet } from './conditions.js';

/** A non-fatal change made to a value, naming the variable (e.g. a control character dropped). */
export interface ValueWarning {
  variable: string;
  label: string;
  message: string;
}

/** What {@link normalizeAnswers} returns: typed answers, every problem, every warning. */
export interface NormalizedAnswers {
  /** One value per declared variable that has one (given, or its default); typed as declared. */
  answers: Answers;
  /** Problems that make the answers unusable (missing, wrong type, unknown key …). */
  issues: Issue[];
  warnings: ValueWarning[];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '有', '对', '√']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '无', '不是', '没有', '×']);

/** Splits a list typed in one field: by 、，,；; or new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[、，,；;\n]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const name = (v: Variable): string => `「${v.label}」（${v.key}）`;

/** The help of a variable, else its example — unless the example is itself a placeholder (XX). */
function hint(v: Variable): string {
  if (v.help) return `：${v.help}`;
  const example = Array.isArray(v.example) ? v.example.join('、') : String(v.example);
  return /XX|××|某某/.test(example) ? '' : `（示例：${example}）`;
}

type Coerced = { ok: true; value: Value } | { ok: false; message: string };

function coerce(v: Variable, raw: Value): Coerced {
  switch (v.type) {
    case 'text': {
      if (typeof raw === 'string') return { ok: true, value: raw.trim() };
      if (typeof raw === 'number') return { ok: true, value: String(raw) };
      return { ok: false, message: `${name(v)}应为一段文字，收到 ${JSON.stringify(raw)}。` };
    }
    case 'list': {
      if (Array.isArray(raw)) return { ok: true, value: raw.map((s) => s.trim()).filter((s) => s !== '') };
      if (typeof raw === 'string') return { ok: true, value: splitList(raw) };
      return { ok: false, message: `${name(v)}应为若干项文字（可用“、”分隔），收到 ${JSON.stringify(raw)}。` };
    }
    case 'choice': {
      const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;
      if (s !== undefined && v.options?.includes(s)) return { ok: true, value: s };
      return { ok: false, message: `${name(v)}只能是 ${(v.options ?? []).join(' / ')} 之一，收到 ${JSON.stringify(raw)}。` };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const s = String(raw).trim().toLowerCase();
      if (TRUE_WORDS.has(s)) return { ok: true, value: true };
      if (FALSE_WORDS.has(s)) return { ok: true, value: false };
      return { ok: false, message: `${name(v)}应填“是”或“否”，收到 ${JSON.stringify(raw)}。` };
    }
    case 'year':
    case 'number': {
      // NFKC: full-width digits typed with a Chinese input method (２０２５, ６０．５) read as the number they show.
      const text = typeof raw === 'string' ? raw.normalize('NFKC').trim() : '';
      const n = typeof raw === 'number' ? raw : text !== '' ? Number(text) : Number.NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `${name(v)}应为数字，收到 ${JSON.stringify(raw)}。` };
      if (v.type === 'year' && (!Number.isInteger(n) || n < 1949 || n > 2100)) {
        return { ok: false, message: `${name(v)}应为四位年份（如 2024），收到 ${JSON.stringify(raw)}。` };
      }
      if (v.min !== undefined && n < v.min) return { ok: false, message: `${name(v)}不能小于 ${v.min}，收到 ${n}。` };
      if (v.max !== undefined && n > v.max) return { ok: false, message: `${name(v)}不能大于 ${v.max}，收到 ${n}。` };
      return { ok: true, value: n };
    }
  }
}

/**
 * Cleans a coerced text or list value (see `sanitizeText`): control characters are removed with a
 * warning; bidirectional formatting characters are refused with an issue, since they can reverse
 * what a reader sees in an official document.
 *
 * @returns the cleaned value, or `undefined` when it was refused (an issue was added)
 */
function clean(v: Variable, value: Value, warnings: ValueWarning[], issues: Issue[]): Value | undefined {
  let refused = false;
  const one = (s: string, item?: number): string => {
    const r = sanitizeText(s);
    if (r.dropped.length > 0) {
      warnings.push({
        variable: v.key,
        label: v.label,
        message: `${name(v)}中有文档不允许的控制字符 ${r.dropped.join('、')}，已删除。`,
      });
    }
    if (r.bidi.length > 0) {
      refused = true;
      const where = item === undefined ? '' : `第 ${item + 1} 项`;
      const found = r.bidi.map((b) => `${where}第 ${b.position} 个字符处的 ${b.codePoint} ${b.name}`).join('、');
      issues.push({
        message: `${name(v)}中有双向文字控制字符：${found}。这种字符看不见，却会颠倒前后文字的显示顺序，公文中不能使用：请删去（多半随复制粘贴带入，可删除这一项后重新输入）。`,
        where: { variable: v.key, label: v.label },
      });
    }
    return r.text;
  };
  const out = typeof value === 'string' ? one(value) : Array.isArray(value) ? value.map((s, i) => one(s, i)) : value;
  return refused ? undefined : out;
}

/**
 * Validates and normalises answers for one template.
 *
 * Rules: every required variable without a default must be answered (a blank string or empty list
 * counts as missing); values are coerced to the declared type (full-width digits read as digits);
 * control characters are removed (with a warning); a bidirectional formatting character
 * (U+202A–U+202E, U+2066–U+2069) is an issue naming its position; keys the template does not
 * declare are reported unless `allowUnknown`. The roster and the answers file are checked through
 * this function, so both paths refuse and warn alike.
 *
 * @param template - the template whose declarations apply
 * @param raw - answers as given (from YAML, a roster row, the interview or the web form)
 * @param options - `allowUnknown`: ignore keys the template does not declare (a roster row may
 *   carry columns for another template)
 * @returns typed answers plus every issue and warning; never throws
 */
export function normalizeAnswers(template: Template, raw: Answers, options: { allowUnknown?: boolean } = {}): NormalizedAnswers {
  const answers: Answers = {};
  const issues: Issue[] = [];
  const warnings: ValueWarning[] = [];
  for (const v of template.variables) {
    const given = raw[v.key];
    const source = isSet(given) || (v.type === 'boolean' && given === false) ? given : v.default;
    if (source === undefined || (!isSet(source) && v.type !== 'boolean')) {
      if (v.required) {
        issues.push({
          message: `缺少必填项${name(v)}${hint(v)}。`,
          where: { variable: v.key, label: v.label },
        });
      }
      continue;
    }
    const c = coerce(v, source);
    if (!c.ok) {
      issues.push({ message: c.message, where: { variable: v.key, label: v.label } });
      continue;
    }
    if (v.required && !isSet(c.value) && v.type !== 'boolean') {
      issues.push({ message: `缺少必填项${name(v)}。`, where: { variable: v.key, label: v.label } });
      continue;
    }
    const cleaned = clean(v, c.value, warnings, issues);
    if (cleaned !== undefined) answers[v.key] = cleaned;
  }
  if (!options.allowUnknown) {
    const known = new Set(template.variables.map((v) => v.key));
    for (const key of Object.keys(raw)) {
      if (!known.has(key)) {
        issues.push({
          message: `模板「${template.name}」没有变量 ${key}，请检查拼写（可用的变量：${[...known].join('、')}）。`,
          where: { variable: key },
        });
      }
    }
  }
  return { answers, issues, warnings };
}

/**
 * Like {@link normalizeAnswers}, but throws when anything is wrong.
 * @throws {QingdanError} `ANSWERS_INVALID`, with every issue listed
 */
export function checkAnswers(template: Template, raw: Answers, options: { allowUnknown?: boolean } = {}): NormalizedAnswers {
  const result = normalizeAnswers(template, raw, options);
  if (result.issues.length > 0) {
    throw new QingdanError('ANSWERS_INVALID', `「${template.name}」的答案有 ${result.issues.length} 处问题：`, { issues: result.issues });
  }
  return result;
}

/** The sample text's own values: each variable's `example`. */
export function exampleAnswers(template: Template): Answers {
  return Object.fromEntries(template.variables.map((v) => [v.key, v.example]));
}
