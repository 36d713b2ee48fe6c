/**
 * The clause model: zod schemas for templates, variables, conditions, answers and the resolved
 * document. Every shape is written once here; the types are `z.infer` of the schemas.
 */
import { z } from 'zod';
import { NumberingStyle } from './numbering.js';
import { LEADER_ROLE_OPTIONS, LeaderRole } from './roles.js';

/** A variable key: lower-case ASCII, digits and `_`, starting with a letter (e.g. `leader_name`). */
export const VariableKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, '变量名只能包含小写字母、数字和下划线，并以字母开头，例如 leader_name');

/** A value a variable can take: text, a number (year, count), yes/no, or a list of text. */
export const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
/** A value a variable can take: `string | number | boolean | string[]`. */
export type Value = z.infer<typeof Value>;

/** A scalar that a condition compares with. */
export const Scalar = z.union([z.string(), z.number(), z.boolean()]);
/** `string | number | boolean`. */
export type Scalar = z.infer<typeof Scalar>;

/**
 * A declarative condition on the answers (no code): `{ var, equals }`, `{ var, in }`,
 * `{ var, isSet }`, `{ all: [...] }`, `{ any: [...] }`, `{ not: ... }`.
 *
 * For a list variable, `equals` and `in` hold when any item of the list matches; `isSet: true`
 * holds when the value is present and not empty (a blank string, an empty list or `false` are not set).
 *
 * @example { all: [{ var: has_organ_committee, equals: true }, { not: { var: unit_type, equals: 学校 } }] }
 */
export type Condition =
  | { var: string; equals: Scalar }
  | { var: string; in: Scalar[] }
  | { var: string; isSet: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** The zod schema of {@link Condition}. */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ var: VariableKey, equals: Scalar }),
    z.strictObject({ var: VariableKey, in: z.array(Scalar).min(1) }),
    z.strictObject({ var: VariableKey, isSet: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** The kinds of variable: 文本, 文本列表, 选项, 数字, 年度, 是/否. */
export const VariableType = z.enum(['text', 'list', 'choice', 'number', 'year', 'boolean']);
/** `text | list | choice | number | year | boolean`. */
export type VariableType = z.infer<typeof VariableType>;

/**
 * What a variable stands for, where the tools need to know: the year of the list, the unit's
 * name, the leader's name, the divisions a leader supervises, the leader's 职务 (`position`, text),
 * the leader's 责任类别 (`leaderRole`, a choice among {@link LEADER_ROLE_OPTIONS}: the engine fills
 * it from the 职务 when it is not given, see `leaderRoleOf`), and the number of 主要负责人 a unit
 * has in the roster (`headCount`, a number the roster check compares with), and the unit's
 * province (`province`, text: the place proofreading checks the wording against). Output folders
 * (`<year>/<unit>/…`), the engine, roster checks and proofreading read these.
 */
export const VariableRole = z.enum(['year', 'unit', 'leader', 'divisions', 'position', 'leaderRole', 'headCount', 'province']);
/** `year | unit | leader | divisions | position | leaderRole | headCount | province`. */
export type VariableRole = z.infer<typeof VariableRole>;

/** The type a variable with a role must have, where the role fixes it. */
const ROLE_TYPES: Partial<Record<VariableRole, VariableType>> = {
  year: 'year',
  divisions: 'list',
  position: 'text',
  leaderRole: 'choice',
  headCount: 'number',
  province: 'text',
};

/**
 * A variable declaration. The interview, the roster columns and the web form are generated from
 * these: `label` is the Chinese prompt and the roster's column header.
 */
export const Variable = z
  .strictObject({
    /** Name used in `{{…}}`, e.g. `leader_name`. */
    key: VariableKey,
    /** Chinese label: prompt, form label and roster column header, e.g. `班子成员姓名`. */
    label: z.string().min(1),
    type: VariableType,
    /** `unit`: one value per unit (asked once); `leader`: one value per leader. */
    scope: z.enum(['unit', 'leader']).default('unit'),
    role: VariableRole.optional(),
    /** Must be answered when there is no `default`. */
    required: z.boolean().default(true),
    default: Value.optional(),
    /** The sample text's own value: what the seed says at this place. */
    example: Value,
    /** One sentence of guidance shown with the prompt. */
    help: z.string().optional(),
    /** The choices of a `choice` variable. */
    options: z.array(z.string().min(1)).min(2).optional(),
    /** Smallest and largest allowed value of a `number` (inclusive). */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'choice' && !v.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `选项型变量 ${v.key} 需要 options` });
    }
    if (v.type !== 'choice' && v.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `只有选项型（choice）变量可以有 options（${v.key}）` });
    }
    const type = v.role ? ROLE_TYPES[v.role] : undefined;
    if (type && v.type !== type) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `role 为 ${v.role ?? ''} 的变量 ${v.key} 应为 ${type} 型` });
    }
    if (v.role === 'leaderRole') {
      const unknown = (v.options ?? []).filter((o) => !LEADER_ROLE_OPTIONS.includes(o));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `责任类别变量 ${v.key} 的选项只能是 ${LEADER_ROLE_OPTIONS.join(' / ')}，不认识：${unknown.join('、')}`,
        });
      }
    }
  });
/** A variable declaration (see {@link Variable}). */
export type Variable = z.infer<typeof Variable>;

/** A piece of text, optionally kept only when a condition holds (e.g. a sentence for 窗口单位). */
export const Segment = z.union([z.string(), z.strictObject({ text: z.string(), when: Condition })]);
/** `string | { text, when }`. */
export type Segment = z.infer<typeof Segment>;

/**
 * Text with `{{…}}` placeholders (Handlebars), either one string or a list of segments that are
 * joined after their conditions are applied.
 */
export const Text = z.union([z.string(), z.array(Segment).min(1)]);
/** `string | Segment[]`. */
export type Text = z.infer<typeof Text>;

/**
 * Where a piece of template text comes from, in Chinese, for whoever reviews or updates the
 * template: the seed (范文) and its clause, a party regulation and the part of it, or a note on
 * what was rewritten and why. Data only: nothing is rendered from it.
 *
 * @example 范文第 19 条（改写：主要负责人“带头开好”）；《关于新形势下党内政治生活的若干准则》
 */
export const Source = z.string().min(1);

/** A plain paragraph (preamble, a section's intro or notes, the closing), optionally conditional. */
export const Paragraph = z.union([
  z.string(),
  z.strictObject({ id: z.string().optional(), text: Text, when: Condition.optional(), source: Source.optional() }),
]);
/** `string | { id?, text, when?, source? }`. */
export type Paragraph = z.infer<typeof Paragraph>;

/**
 * One line of a title: text, or text with conditional segments, optionally kept only when a
 * condition holds (e.g. a title that names the kind of responsibility, by the leader's role).
 */
export const TitleLine = z.union([z.string().min(1), z.strictObject({ text: Text, when: Condition.optional() })]);
/** `string | { text, when? }`. */
export type TitleLine = z.infer<typeof TitleLine>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能包含小写字母、数字和连字符，例如 organ-committee');

/** A numbered clause (条款). `lead` is its lead sentence, which renderers may set in bold. */
export const Clause = z.strictObject({
  id: Id,
  lead: z.string().optional(),
  text: Text,
  when: Condition.optional(),
  /** Where the clause comes from (see {@link Source}). */
  source: Source.optional(),
});
/** A numbered clause (see {@link Clause}). */
export type Clause = z.infer<typeof Clause>;

/** A numbered section (一、 二、 …): title, intro paragraphs, clauses, closing notes. */
export const Section = z.strictObject({
  id: Id,
  title: z.string().min(1),
  when: Condition.optional(),
  /** Where the section comes from (see {@link Source}). */
  source: Source.optional(),
  intro: z.array(Paragraph).default([]),
  clauses: z.array(Clause).default([]),
  notes: z.array(Paragraph).default([]),
});
/** A numbered section (see {@link Section}). */
export type Section = z.infer<typeof Section>;

/** The two kinds of list: 重点任务清单 (per unit) and 领导责任清单 (per leader). */
export const TemplateKind = z.enum(['task-list', 'responsibility-list']);
/** `task-list | responsibility-list`. */
export type TemplateKind = z.infer<typeof TemplateKind>;

/**
 * How sections and clauses are numbered: the styles, and whether clause numbers run on across
 * sections (`continuous`, 1. … 22.) or start again in each section (`per-section`, 第一， …).
 */
export const Numbering = z.strictObject({
  section: NumberingStyle.default('cn-comma'),
  clause: NumberingStyle.default('arabic-dot'),
  clauses: z.enum(['continuous', 'per-section']).default('continuous'),
});
/** See {@link Numbering}. */
export type Numbering = z.infer<typeof Numbering>;

/** A template file (`templates/<id>/template.yaml`). */
export const Template = z
  .strictObject({
    $schema: z.string().optional(),
    id: Id,
    /** Chinese name shown to users, e.g. `领导责任清单`. */
    name: z.string().min(1),
    kind: TemplateKind,
    /** Issued once per unit or once per leader. */
    issuedPer: z.enum(['unit', 'leader']),
    /** The template's own version (semver); recorded in the batch manifest. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/, '版本号格式为 主.次.修订，例如 1.0.0'),
    /**
     * The title; a list gives explicit line breaks (GB/T 9704-2012 §7.3.1). A line may be
     * `{ text, when? }` to use conditional segments (as clause text does) or to be kept only when
     * its condition holds.
     */
    title: z.union([TitleLine, z.array(TitleLine).min(1)]),
    /**
     * Output file name without extension, with placeholders, e.g. `{{year}}年{{leader_name}}领导责任清单`;
     * a list of segments when a part depends on a condition.
     */
    fileName: Text,
    numbering: Numbering.default({ section: 'cn-comma', clause: 'arabic-dot', clauses: 'continuous' }),
    variables: z.array(Variable).min(1),
    preamble: z.array(Paragraph).default([]),
    sections: z.array(Section).min(1),
    closing: z.array(Paragraph).default([]),
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    const roles = new Map<string, string>();
    t.variables.forEach((v, i) => {
      if (keys.has(v.key)) ctx.addIssue({ code: 'custom', path: ['variables', i, 'key'], message: `变量 ${v.key} 重复声明` });
      keys.add(v.key);
      if (!v.role) return;
      const first = roles.get(v.role);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['variables', i, 'role'], message: `变量 ${v.key} 与 ${first} 的 role 都是 ${v.role}：每种 role 只能有一个变量` });
      } else roles.set(v.role, v.key);
    });
    const ids = new Set<string>();
    const checkCondition = (c: Condition | undefined, path: (string | number)[]): void => {
      if (!c) return;
      if ('var' in c) {
        if (!keys.has(c.var)) ctx.addIssue({ code: 'custom', path, message: `条件引用了未声明的变量 ${c.var}` });
      } else if ('all' in c) c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
      else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
      else checkCondition(c.not, [...path, 'not']);
    };
    const checkText = (text: Text, path: (string | number)[]): void => {
      if (typeof text === 'string') return;
      text.forEach((s, i) => typeof s !== 'string' && checkCondition(s.when, [...path, i, 'when']));
    };
    const checkParagraphs = (ps: Paragraph[], path: (string | number)[]): void =>
      ps.forEach((p, i) => {
        if (typeof p === 'string') return;
        checkCondition(p.when, [...path, i, 'when']);
        checkText(p.text, [...path, i, 'text']);
      });
    (Array.isArray(t.title) ? t.title : [t.title]).forEach((line, i) => {
      if (typeof line === 'string') return;
      const path = Array.isArray(t.title) ? ['title', i] : ['title'];
      checkCondition(line.when, [...path, 'when']);
      checkText(line.text, [...path, 'text']);
    });
    checkText(t.fileName, ['fileName']);
    checkParagraphs(t.preamble, ['preamble']);
    checkParagraphs(t.closing, ['closing']);
    t.sections.forEach((s, si) => {
      for (const id of [s.id, ...s.clauses.map((c) => c.id)]) {
        if (ids.has(id)) ctx.addIssue({ code: 'custom', path: ['sections', si], message: `id ${id} 重复` });
        ids.add(id);
      }
      checkCondition(s.when, ['sections', si, 'when']);
      checkParagraphs(s.intro, ['sections', si, 'intro']);
      checkParagraphs(s.notes, ['sections', si, 'notes']);
      s.clauses.forEach((c, ci) => {
        checkCondition(c.when, ['sections', si, 'clauses', ci, 'when']);
        checkText(c.text, ['sections', si, 'clauses', ci, 'text']);
      });
    });
  });
/** A template (see {@link Template}), after defaults are applied. */
export type Template = z.infer<typeof Template>;
/** A template as written in a file, before defaults are applied. */
export type TemplateInput = z.input<typeof Template>;

/** Answers: variable key → value, e.g. `{ year: 2024, leader_name: '张三', divisions: ['办公室'] }`. */
export const Answers = z.record(z.string(), Value);
/** Variable key → value. */
export type Answers = z.infer<typeof Answers>;

/**
 * A block of the resolved document. `number` is already text (`"一、"`, `"第十一，"`, `"22."`), so
 * every renderer prints the same numbering. Text may hold `\n` (an explicit line break typed in a value).
 */
export const ResolvedBlock = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('heading'), level: z.union([z.literal(1), z.literal(2)]), number: z.string(), text: z.string() }),
  z.strictObject({ kind: z.literal('clause'), number: z.string(), lead: z.string().optional(), text: z.string() }),
  z.strictObject({ kind: z.literal('paragraph'), text: z.string() }),
]);
/** A heading, a numbered clause or a plain paragraph. */
export type ResolvedBlock = z.infer<typeof ResolvedBlock>;

/**
 * The resolved document (the IR between engine and renderers): a plain, serialisable tree with
 * every placeholder filled, conditions applied and numbers computed.
 */
export const ResolvedDocument = z.strictObject({
  templateId: z.string(),
  templateVersion: z.string(),
  kind: TemplateKind,
  /** Title lines; more than one where the template gives explicit breaks. */
  title: z.array(z.string()).min(1),
  /** Output file name without extension, resolved from the template's pattern (not yet made OS-safe). */
  fileName: z.string(),
  /** Values of the variables with a role, for output folders and summaries. */
  meta: z.strictObject({
    year: z.number().optional(),
    unit: z.string().optional(),
    leader: z.string().optional(),
    divisions: z.array(z.string()).optional(),
    /** The leader's role (given, or derived from the 职务), for a template with a `leaderRole` variable. */
    role: LeaderRole.optional(),
  }),
  blocks: z.array(ResolvedBlock),
});
/** See {@link ResolvedDocument}. */
export type ResolvedDocument = z.infer<typeof ResolvedDocument>;
