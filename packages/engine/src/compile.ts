/**
 * Compiles every string of a template with Handlebars, once per template: no HTML escaping,
 * strict about unknown names, only the helpers below. Unknown variables and helpers are found by
 * walking the parsed template before anything is rendered, so the error names the variable and
 * the place (clause id) even when that clause would not be rendered.
 */
import Handlebars from 'handlebars';
import { QingdanError, type Issue, type Paragraph, type Template, type Text } from '@qingdan/model';

type HelperOptions = { hash?: Record<string, unknown> };

/** The Handlebars environment of templates: its own instance, with the helpers templates may use. */
const hb = Handlebars.create();

/**
 * `{{join list "、"}}`: the items of a list joined by a separator (default 、).
 * @example {{join divisions}} → 办公室、财务科
 */
hb.registerHelper('join', (list: unknown, sep: unknown) =>
  Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : String(list ?? ''),
);

/**
 * `{{innerQuotes value}}`: a value placed inside “…” has its own double quotes turned into single
 * ones (“五大行动” → ‘五大行动’), as GB/T 15834-2011 §4.3 requires for nested quotations.
 */
hb.registerHelper('innerQuotes', (value: unknown) => String(value ?? '').replace(/“/g, '‘').replace(/”/g, '’'));

const HELPERS = new Set(['join', 'innerQuotes']);
const BLOCK_HELPERS = new Set(['if', 'unless', 'each']);

/** A compiled string: where it comes from (for errors) and its render function. */
export interface CompiledString {
  /** e.g. `条款 s1-c3` or `标题`. */
  where: string;
  render: (context: Record<string, unknown>) => string;
}

type Node = hbs.AST.Node;

/** Parses `src` and checks every name it uses; returns the AST (to compile without parsing again), or undefined on a syntax error. */
function checkAst(src: string, where: string, known: Set<string>, issues: Issue[]): hbs.AST.Program | undefined {
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(src);
  } catch (error) {
    issues.push({ message: `${where}的 {{…}} 写法有误：${(error as Error).message.split('\n')[0] ?? ''}`, where: { place: where } });
    return undefined;
  }
  const visitPath = (p: hbs.AST.PathExpression, inEach: boolean): void => {
    if (p.data) return; // @index, @first …
    if (inEach && (p.original === 'this' || p.original === '.' || p.depth > 0 || p.original.startsWith('this.'))) return;
    const head = p.parts[0] ?? p.original;
    if (!known.has(head)) {
      issues.push({
        message: `${where}引用了未声明的变量 “${p.original}”：请在 variables 中声明它，或改正拼写。`,
        where: { place: where, variable: p.original },
      });
    }
  };
  const visitExpr = (e: hbs.AST.Expression, inEach: boolean): void => {
    if (e.type === 'PathExpression') visitPath(e as hbs.AST.PathExpression, inEach);
    else if (e.type === 'SubExpression') visitCall(e as hbs.AST.SubExpression, inEach);
  };
  const visitCall = (n: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash: hbs.AST.Hash }, inEach: boolean): void => {
    const path = n.path as hbs.AST.PathExpression;
    if (n.params.length > 0 || (n.hash && n.hash.pairs.length > 0)) {
      if (!HELPERS.has(path.original)) {
        issues.push({ message: `${where}使用了未知的函数 “${path.original}”（可用：join、innerQuotes）。`, where: { place: where } });
      }
      n.params.forEach((p) => visitExpr(p, inEach));
    } else visitPath(path, inEach);
  };
  const visit = (node: Node, inEach: boolean): void => {
    switch (node.type) {
      case 'Program':
        (node as hbs.AST.Program).body.forEach((s) => visit(s, inEach));
        break;
      case 'MustacheStatement':
        visitCall(node as hbs.AST.MustacheStatement, inEach);
        break;
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const helper = (b.path as hbs.AST.PathExpression).original;
        if (!BLOCK_HELPERS.has(helper)) {
          issues.push({ message: `${where}使用了未知的块 “#${helper}”（可用：#if、#unless、#each）。`, where: { place: where } });
        }
        b.params.forEach((p) => visitExpr(p, inEach));
        visit(b.program, inEach || helper === 'each');
        if (b.inverse) visit(b.inverse, inEach);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        issues.push({ message: `${where}不能使用 partial 或 decorator。`, where: { place: where } });
        break;
      default:
        break;
    }
  };
  visit(ast, false);
  return ast;
}

/** A part of a plain string: literal text, or the name of a `{{name}}` placeholder. */
type PlainPart = string | { key: string };

/**
 * A faster render for a string made only of literal text and bare `{{name}}` placeholders (most of
 * a template's strings, many without any placeholder), with Handlebars' text: each call of a
 * compiled Handlebars template first sets up its helpers (copies and wraps every helper, ≈ 2 KB
 * of objects a call; a document makes ≈ 100 calls). The text of content statements is taken
 * after Handlebars' whitespace control (`{{~name}}`). A value is appended as Handlebars' compiled
 * code appends it (`text + value`, `null`/`undefined` as nothing), always to text: Handlebars
 * returns a lone `{{year}}` as a number and adds the first two values of `{{a}}{{b}}` (2024 and 1
 * give 2025); here they give "2024" and "20241". A name that is not an own
 * property of the context, or whose value is a function, is left to `fn` (Handlebars' strict
 * error, prototype-access rules, lambdas). Any other construct (helpers, blocks, paths with dots
 * or `this`, `@data`, comments) gives `undefined`: the string is rendered by `fn` alone.
 */
function plainRender(ast: hbs.AST.Program, fn: (ctx: Record<string, unknown>) => string): ((ctx: Record<string, unknown>) => string) | undefined {
  const parts: PlainPart[] = [];
  for (const statement of ast.body) {
    if (statement.type === 'ContentStatement') {
      parts.push((statement as hbs.AST.ContentStatement).value);
      continue;
    }
    if (statement.type !== 'MustacheStatement') return undefined;
    const m = statement as hbs.AST.MustacheStatement;
    const path = m.path as hbs.AST.PathExpression;
    if (m.params.length > 0 || (m.hash && m.hash.pairs.length > 0) || path.type !== 'PathExpression') return undefined;
    if (path.data || path.depth !== 0 || path.parts.length !== 1 || path.original !== path.parts[0]) return undefined;
    parts.push({ key: path.original });
  }
  if (parts.every((p): p is string => typeof p === 'string')) {
    const text = parts.join('');
    return () => text;
  }
  return (ctx) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(ctx, part.key)) return String(fn(ctx));
      const value = ctx[part.key];
      if (typeof value === 'function') return String(fn(ctx));
      out += value == null ? '' : (value as string);
    }
    return out;
  };
}

/** A template with every string compiled, ready to be resolved many times. */
export interface CompiledTemplate {
  template: Template;
  /** Compiled function for each source string, keyed by the string itself. */
  strings: Map<string, CompiledString>;
}

function textStrings(text: Text): string[] {
  return typeof text === 'string' ? [text] : text.map((s) => (typeof s === 'string' ? s : s.text));
}
function paragraphStrings(ps: Paragraph[]): string[] {
  return ps.flatMap((p) => (typeof p === 'string' ? [p] : textStrings(p.text)));
}

const cache = new WeakMap<Template, CompiledTemplate>();

/**
 * Compiles all strings of a template (title, file name, preamble, sections, clauses, notes) once;
 * later calls with the same template object return the cached result.
 *
 * @throws {QingdanError} `TEMPLATE_UNKNOWN_VARIABLE` listing every unknown variable with its place,
 *   or `TEMPLATE_SYNTAX` for a malformed `{{…}}`
 */
export function compileTemplate(template: Template): CompiledTemplate {
  const hit = cache.get(template);
  if (hit) return hit;
  const known = new Set(template.variables.map((v) => v.key));
  const issues: Issue[] = [];
  const strings = new Map<string, CompiledString>();
  const add = (src: string, where: string): void => {
    const before = issues.length;
    const ast = checkAst(src, where, known, issues);
    if (!ast || issues.length > before || strings.has(src)) return;
    const fn = hb.compile(ast, { noEscape: true, strict: true, knownHelpers: { join: true, innerQuotes: true }, knownHelpersOnly: true });
    strings.set(src, { where, render: plainRender(ast, fn) ?? ((ctx) => String(fn(ctx))) });
  };
  const title = Array.isArray(template.title) ? template.title : [template.title];
  title.forEach((t) => (typeof t === 'string' ? [t] : textStrings(t.text)).forEach((s) => add(s, '标题')));
  textStrings(template.fileName).forEach((s) => add(s, '文件名模式 fileName'));
  paragraphStrings(template.preamble).forEach((s) => add(s, '导语'));
  paragraphStrings(template.closing).forEach((s) => add(s, '结尾'));
  for (const section of template.sections) {
    add(section.title, `部分 ${section.id} 的标题`);
    paragraphStrings(section.intro).forEach((s) => add(s, `部分 ${section.id} 的引言`));
    paragraphStrings(section.notes).forEach((s) => add(s, `部分 ${section.id} 的附注`));
    for (const clause of section.clauses) {
      if (clause.lead !== undefined) add(clause.lead, `条款 ${clause.id} 的引导句`);
      textStrings(clause.text).forEach((s) => add(s, `条款 ${clause.id}`));
    }
  }
  if (issues.length > 0) {
    const unknown = issues.some((i) => i.where?.variable !== undefined);
    throw new QingdanError(unknown ? 'TEMPLATE_UNKNOWN_VARIABLE' : 'TEMPLATE_SYNTAX', `模板「${template.name}」（${template.id}）有 ${issues.length} 处错误：`, {
      issues,
    });
  }
  const compiled = { template, strings };
  cache.set(template, compiled);
  return compiled;
}
