import { describe, expect, it } from 'vitest';
import { QingdanError } from '@qingdan/model';
import { parseTemplate } from '@qingdan/engine';

const base = `id: demo
name: 演示
kind: task-list
issuedPer: unit
version: 1.0.0
title: '{{year}}年清单'
fileName: '{{year}}'
variables:
  - key: year
    label: 年度
    type: year
    example: 2024
sections:
  - id: s1
    title: 部分
    clauses:
      - id: c1
        text: 内容
`;

function errorOf(fn: () => unknown): QingdanError {
  try {
    fn();
  } catch (e) {
    if (e instanceof QingdanError) return e;
    throw e;
  }
  throw new Error('expected a QingdanError');
}

describe('parseTemplate', () => {
  it('accepts a minimal template and applies defaults', () => {
    const t = parseTemplate(base, 'demo.yaml');
    expect(t.numbering).toEqual({ section: 'cn-comma', clause: 'arabic-dot', clauses: 'continuous' });
    expect(t.variables[0]).toMatchObject({ scope: 'unit', required: true });
  });

  it('reports every schema problem with file, line and field', () => {
    const text = base.replace('type: year', 'type: date');
    const e = errorOf(() => parseTemplate(text, 'demo.yaml'));
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(e.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^demo\.yaml 第 11 行，字段 variables\.0\.type：/),
    ]);
  });

  it('reports a condition on an undeclared variable', () => {
    const text = base.replace('      - id: c1\n', '      - id: c1\n        when: { var: nope, equals: true }\n');
    const e = errorOf(() => parseTemplate(text, 'demo.yaml'));
    expect(e.issues.map((i) => i.message)).toEqual(['demo.yaml 第 18 行，字段 sections.0.clauses.0.when：条件引用了未声明的变量 nope']);
  });

  it('reports YAML syntax errors with the line', () => {
    const e = errorOf(() => parseTemplate(`${base}  bad: [unclosed\n`, 'demo.yaml'));
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(e.issues[0]?.message).toMatch(/^demo\.yaml 第 19 行：YAML 格式错误/);
  });

  it('rejects a clause that uses an undeclared variable, naming variable and clause', () => {
    const e = errorOf(() => parseTemplate(base.replace('text: 内容', "text: '{{unit}}内容'"), 'demo.yaml'));
    expect(e.code).toBe('TEMPLATE_UNKNOWN_VARIABLE');
    expect(e.issues.map((i) => i.message)).toEqual(['条款 c1引用了未声明的变量 “unit”：请在 variables 中声明它，或改正拼写。']);
  });
});
