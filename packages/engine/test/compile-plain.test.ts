import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { Template } from '@qingdan/model';
import { compileTemplate } from '@qingdan/engine';

/**
 * Strings made of text and bare `{{name}}` placeholders are rendered without Handlebars' per-call
 * set-up (compile.ts `plainRender`); the result must be Handlebars' own, value for value.
 */
const SOURCES = [
  '没有占位符的条款文字。',
  '',
  '前{{a}}后',
  '{{a}}{{b}}',
  '{{a}}',
  '甲  {{~a~}}  乙',
  '转义 \\{{a}} 不是占位符',
  '分管{{join list "、"}}',
  '{{#if a}}有{{else}}无{{/if}}',
  '{{! 注释 }}正文{{a}}',
];

const CONTEXTS: Record<string, unknown>[] = [
  { a: '张三', b: 'B&<试行>', list: ['办公室', '财务科'] },
  { a: ['办公室', '财务科'], b: 0, list: [] },
  { a: 2024, b: false, list: ['一'] },
  { a: null, b: undefined, list: ['一'] },
  { a: '', b: '{{a}}', list: ['一'] },
];

function template(strings: string[]): Template {
  return Template.parse({
    id: 'plain',
    name: '测试',
    kind: 'task-list',
    issuedPer: 'unit',
    version: '1.0.0',
    title: '标题',
    fileName: '文件',
    numbering: { section: 'cn-comma', clause: 'cn-ordinal', clauses: 'continuous' },
    variables: [
      { key: 'a', label: 'A', type: 'text', example: '张三' },
      { key: 'b', label: 'B', type: 'text', example: '李四' },
      { key: 'list', label: '列表', type: 'list', example: ['办公室'] },
    ],
    sections: [{ id: 's1', title: '部分', clauses: strings.map((text, i) => ({ id: `c${i + 1}`, text })) }],
  });
}

const reference = Handlebars.create();
reference.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : String(list ?? '')));
/**
 * Handlebars' text for `src`. A text character is put in front and taken off again: Handlebars'
 * compiled code joins the values with `+` from the first statement on, so a string that begins
 * with two placeholders adds two numbers (`{{a}}{{b}}` with 2024 and 1 gives 2025), which no
 * reader wants; compiled strings join text.
 */
const referenceRender = (src: string, ctx: Record<string, unknown>): string =>
  (reference.compile(`\u0001${src}`, { noEscape: true, strict: true, knownHelpers: { join: true }, knownHelpersOnly: true })(ctx) as string).slice(1);

describe('compiled strings', () => {
  const ct = compileTemplate(template(SOURCES));

  it('render as Handlebars does, for text, placeholders, whitespace control, arrays, numbers, null and booleans', () => {
    for (const src of SOURCES) {
      for (const ctx of CONTEXTS) {
        expect(ct.strings.get(src)?.render(ctx), `${src} with ${JSON.stringify(ctx)}`).toBe(referenceRender(src, ctx));
      }
    }
    // Spot checks of what a reader sees (the reference could be wrong too).
    expect(ct.strings.get('前{{a}}后')?.render({ a: ['办公室', '财务科'] })).toBe('前办公室,财务科后');
    expect(ct.strings.get('甲  {{~a~}}  乙')?.render({ a: '张三' })).toBe('甲张三乙');
    expect(ct.strings.get('转义 \\{{a}} 不是占位符')?.render({ a: '张三' })).toBe('转义 {{a}} 不是占位符');
    expect(ct.strings.get('前{{a}}后')?.render({ a: null })).toBe('前后');
    expect(ct.strings.get('{{a}}{{b}}')?.render({ a: 2024, b: 1 })).toBe('20241');
    expect(ct.strings.get('{{a}}')?.render({ a: 2024 })).toBe('2024');
  });

  it('keep Handlebars’ strict error for a name missing from the context, and never read inherited properties', () => {
    const render = ct.strings.get('前{{a}}后')?.render;
    expect(() => render?.({ b: '乙' })).toThrow(/"a" not defined/);
    const inherited = Object.create({ a: '原型上的值' }) as Record<string, unknown>;
    expect(() => referenceRender('前{{a}}后', inherited)).not.toThrow();
    expect(render?.(inherited)).toBe(referenceRender('前{{a}}后', inherited));
  });
});
