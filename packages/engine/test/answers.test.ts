/**
 * Answer normalisation, the one place both the roster and the answers file go through: full-width
 * digits read as numbers, control characters removed with a warning, bidirectional formatting
 * characters refused with an issue naming the variable, the item and the position.
 */
import { describe, expect, it } from 'vitest';
import { Template } from '@qingdan/model';
import { checkAnswers, normalizeAnswers } from '@qingdan/engine';

const t = Template.parse({
  id: 'fixture',
  name: '测试清单',
  kind: 'responsibility-list',
  issuedPer: 'leader',
  version: '1.0.0',
  title: ['{{year}}年{{name}}责任清单'],
  fileName: '{{year}}年{{name}}',
  numbering: { section: 'cn-comma', clause: 'cn-ordinal', clauses: 'continuous' },
  variables: [
    { key: 'year', label: '年度', type: 'year', role: 'year', example: 2024 },
    { key: 'name', label: '班子成员姓名', type: 'text', scope: 'leader', role: 'leader', example: '张三' },
    { key: 'divisions', label: '分管科室', type: 'list', scope: 'leader', example: ['办公室'] },
    { key: 'percent', label: '比例', type: 'number', min: 0, max: 100, default: 50, example: 60 },
  ],
  sections: [{ id: 's1', title: '第一部分', clauses: [{ id: 'c1', text: '{{name}}分管{{divisions}}' }] }],
});

describe('normalizeAnswers', () => {
  it('reads full-width digits as numbers (年度 ２０２５, ６０．５)', () => {
    const r = normalizeAnswers(t, { year: '２０２５', name: '张三', divisions: '办公室', percent: '６０．５' });
    expect(r.issues).toEqual([]);
    expect(r.answers).toMatchObject({ year: 2025, percent: 60.5 });
  });

  it('removes control characters with a warning naming the variable', () => {
    const r = normalizeAnswers(t, { year: 2025, name: '张\u0007三', divisions: ['办\u0000公室'] });
    expect(r.answers).toMatchObject({ name: '张三', divisions: ['办公室'] });
    expect(r.warnings.map((w) => w.message)).toEqual([
      '「班子成员姓名」（name）中有文档不允许的控制字符 U+0007，已删除。',
      '「分管科室」（divisions）中有文档不允许的控制字符 U+0000，已删除。',
    ]);
  });

  it('refuses a bidi control (U+202A–U+202E, U+2066–U+2069): an issue with item and position, and no value', () => {
    const r = normalizeAnswers(t, { year: 2025, name: '张\u202E三', divisions: ['办公室', '财务\u2066科\u2069'] });
    expect(r.answers).not.toHaveProperty('name');
    expect(r.answers).not.toHaveProperty('divisions');
    expect(r.issues).toEqual([
      {
        message:
          '「班子成员姓名」（name）中有双向文字控制字符：第 2 个字符处的 U+202E RLO（从右到左强制）。这种字符看不见，却会颠倒前后文字的显示顺序，公文中不能使用：请删去（多半随复制粘贴带入，可删除这一项后重新输入）。',
        where: { variable: 'name', label: '班子成员姓名' },
      },
      {
        message:
          '「分管科室」（divisions）中有双向文字控制字符：第 2 项第 3 个字符处的 U+2066 LRI（从左到右隔离）、第 2 项第 5 个字符处的 U+2069 PDI（结束隔离）。这种字符看不见，却会颠倒前后文字的显示顺序，公文中不能使用：请删去（多半随复制粘贴带入，可删除这一项后重新输入）。',
        where: { variable: 'divisions', label: '分管科室' },
      },
    ]);
    expect(() => checkAnswers(t, { year: 2025, name: '\u202D张三', divisions: '办公室' })).toThrow('第 1 个字符处的 U+202D LRO（从左到右强制）');
  });
});
