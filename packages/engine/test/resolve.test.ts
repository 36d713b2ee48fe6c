import { describe, expect, it } from 'vitest';
import { Template, QingdanError, type TemplateInput } from '@qingdan/model';
import { compileTemplate, documentLines, labelGap, normalizeAnswers, resolve, withStandIns } from '@qingdan/engine';

/** A small template: one section of `n` clauses, the third guarded by a yes/no variable. */
function fixture(n: number, extra: Partial<TemplateInput> = {}): Template {
  return Template.parse({
    id: 'fixture',
    name: '测试清单',
    kind: 'responsibility-list',
    issuedPer: 'leader',
    version: '1.0.0',
    title: ['{{year}}年', '{{name}}责任清单'],
    fileName: '{{year}}年{{name}}',
    numbering: { section: 'cn-comma', clause: 'cn-ordinal', clauses: 'continuous' },
    variables: [
      { key: 'year', label: '年度', type: 'year', role: 'year', example: 2024 },
      { key: 'name', label: '班子成员姓名', type: 'text', scope: 'leader', role: 'leader', example: '张三' },
      { key: 'divisions', label: '分管科室', type: 'list', scope: 'leader', example: ['办公室'] },
      { key: 'window', label: '是否窗口单位', type: 'boolean', default: false, example: true },
    ],
    sections: [
      {
        id: 's1',
        title: '第一部分',
        clauses: Array.from({ length: n }, (_, i) => ({
          id: `c${i + 1}`,
          text: `条款{{name}}${i + 1}`,
          ...(i === 2 ? { when: { var: 'window', equals: true } } : {}),
        })),
      },
      ...Array.from({ length: 11 }, (_, i) => ({ id: `t${i + 2}`, title: `部分${i + 2}`, clauses: [{ id: `x${i + 2}`, text: '分管{{join divisions "、"}}' }] })),
    ],
    ...extra,
  });
}

const answers = { year: 2024, name: '张三', divisions: ['办公室', '财务科'], window: true };

describe('resolve', () => {
  it('numbers sections and clauses beyond ten', () => {
    const doc = resolve(fixture(12), answers);
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.number);
    expect(headings.slice(9)).toEqual(['十、', '十一、', '十二、']);
    const clauses = doc.blocks.filter((b) => b.kind === 'clause').map((b) => b.number);
    expect(clauses.slice(9, 13)).toEqual(['第十，', '第十一，', '第十二，', '第十三，']);
    expect(clauses).toHaveLength(23);
    expect(clauses.at(-1)).toBe('第二十三，');
  });

  it('renumbers the rest when a condition removes a clause, leaving no gap', () => {
    const doc = resolve(fixture(5), { ...answers, window: false });
    const clauses = doc.blocks.filter((b) => b.kind === 'clause');
    expect(clauses.slice(0, 4).map((b) => b.number + b.text)).toEqual(['第一，条款张三1', '第二，条款张三2', '第三，条款张三4', '第四，条款张三5']);
  });

  it('keeps the title lines and fills the file name', () => {
    const doc = resolve(fixture(1), answers);
    expect(doc.title).toEqual(['2024年', '张三责任清单']);
    expect(doc.fileName).toBe('2024年张三');
    expect(documentLines(doc).slice(0, 4)).toEqual(['2024年', '张三责任清单', '一、第一部分', '第一，条款张三1']);
  });

  it('prints special characters exactly as given, never HTML-escaped', () => {
    const name = 'A&B 联合办公室<试行> a=b "引号" \'单引号\' `反引号`';
    const doc = resolve(fixture(1), { ...answers, name });
    expect(doc.blocks.find((b) => b.kind === 'clause')?.text).toBe(`条款${name}1`);
    expect(JSON.stringify(doc)).not.toMatch(/&amp;|&lt;|&gt;|&quot;|&#x27;|&#x3D;/);
  });

  it('treats values as data: a value containing {{ }} is printed as it is', () => {
    const doc = resolve(fixture(1), { ...answers, name: '{{year}}{{#each x}}' });
    expect(doc.blocks.find((b) => b.kind === 'clause')?.text).toBe('条款{{year}}{{#each x}}1');
  });

  it('keeps characters outside the BMP and turns a vertical tab into a line break, warning about dropped controls', () => {
    const warnings: string[] = [];
    const doc = resolve(fixture(1), { ...answers, name: '𠮷\u000b刘\u0007䶮' }, { onWarning: (w) => warnings.push(w.message) });
    expect(doc.blocks.find((b) => b.kind === 'clause')?.text).toBe('条款𠮷\n刘䶮1');
    expect(warnings).toEqual(['「班子成员姓名」（name）中有文档不允许的控制字符 U+0007，已删除。']);
  });

  it('lists every missing or malformed answer at once, in Chinese, with label and key', () => {
    let error: unknown;
    try {
      resolve(fixture(1), { year: '二〇二四', divisions: [], extra: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QingdanError);
    const e = error as QingdanError;
    expect(e.code).toBe('ANSWERS_INVALID');
    expect(e.issues.map((i) => i.message)).toEqual([
      '「年度」（year）应为数字，收到 "二〇二四"。',
      '缺少必填项「班子成员姓名」（name）（示例：张三）。',
      '缺少必填项「分管科室」（divisions）（示例：办公室）。',
      '模板「测试清单」没有变量 extra，请检查拼写（可用的变量：year、name、divisions、window）。',
    ]);
  });

  it('previews answers still being filled in with visible gaps, never the example values', () => {
    // year malformed, name missing, divisions empty: each printed as its label in 【】; the yes/no
    // default (false) still removes the guarded clause.
    const doc = resolve(fixture(4), { year: '20x4', divisions: [] }, { standIn: labelGap });
    expect(doc.title).toEqual(['【年度】年', '【班子成员姓名】责任清单']);
    expect(doc.fileName).toBe('【年度】年【班子成员姓名】');
    const clauses = doc.blocks.filter((b) => b.kind === 'clause').map((b) => b.number + b.text);
    expect(clauses.slice(0, 4)).toEqual(['第一，条款【班子成员姓名】1', '第二，条款【班子成员姓名】2', '第三，条款【班子成员姓名】4', '第四，分管【分管科室】']);
    expect(JSON.stringify(doc)).not.toContain('张三');
    expect(doc.meta.year).toBeUndefined();
    const r = withStandIns(fixture(1), { year: 2024, name: '李四' }, labelGap);
    expect(r.standIns).toEqual(['divisions']);
    expect(r.answers).toEqual({ year: 2024, name: '李四', divisions: ['【分管科室】'], window: false });
    expect(r.issues.map((i) => i.where?.variable)).toEqual(['divisions']);
  });

  it('coerces answers typed as text (roster cells) to the declared types', () => {
    const t = fixture(1);
    const r = normalizeAnswers(t, { year: '2025', name: ' 李四 ', divisions: '办公室、财务科，人事科', window: '是' });
    expect(r.issues).toEqual([]);
    expect(r.answers).toEqual({ year: 2025, name: '李四', divisions: ['办公室', '财务科', '人事科'], window: true });
  });
});

describe('compileTemplate', () => {
  it('rejects an unknown variable, naming it and the clause', () => {
    const t = fixture(1);
    const bad = { ...t, sections: [{ ...t.sections[0]!, clauses: [{ id: 'c9', text: '由{{leader}}负责，{{name}}' }] }] };
    expect(() => compileTemplate(bad)).toThrowError(/条款 c9引用了未声明的变量 “leader”/);
    try {
      compileTemplate(bad);
    } catch (e) {
      expect((e as QingdanError).code).toBe('TEMPLATE_UNKNOWN_VARIABLE');
      expect((e as QingdanError).issues).toHaveLength(1);
    }
  });

  it('rejects unknown helpers and malformed braces, naming the place', () => {
    const t = fixture(1);
    const bad = {
      ...t,
      sections: [{ ...t.sections[0]!, clauses: [{ id: 'c1', text: '{{lookup name 0}}' }, { id: 'c2', text: '{{#if name}}未闭合' }] }],
    };
    expect(() => compileTemplate(bad)).toThrowError(/条款 c1使用了未知的函数 “lookup”[\s\S]*条款 c2的 \{\{…\}\} 写法有误/);
  });

  it('compiles once per template object', () => {
    const t = fixture(1);
    expect(compileTemplate(t)).toBe(compileTemplate(t));
  });
});

describe('resolve with a leader role (责任类别 and 职务)', () => {
  const head = { var: 'leader_role', equals: '主要负责人' } as const;
  const member = { var: 'leader_role', equals: '班子成员' } as const;
  const roles = Template.parse({
    id: 'roles',
    name: '责任清单',
    kind: 'responsibility-list',
    issuedPer: 'leader',
    version: '1.0.0',
    title: [{ text: ['{{year}}年', { text: '第一责任人', when: head }, { text: '重要领导', when: member }, '责任清单'] }, { text: '（第二行）', when: head }],
    fileName: ['{{name}}', { text: '第一责任人', when: head }, '清单'],
    variables: [
      { key: 'year', label: '年度', type: 'year', role: 'year', example: 2024 },
      { key: 'name', label: '班子成员姓名', type: 'text', scope: 'leader', role: 'leader', example: '张三' },
      { key: 'position', label: '职务', type: 'text', scope: 'leader', role: 'position', required: false, example: '副局长' },
      {
        key: 'leader_role',
        label: '责任类别',
        type: 'choice',
        scope: 'leader',
        role: 'leaderRole',
        options: ['按职务确定', '主要负责人', '班子成员', '纪检监察'],
        default: '按职务确定',
        example: '按职务确定',
      },
    ],
    sections: [
      {
        id: 's1',
        title: '部分',
        clauses: [
          { id: 'c1', text: '带头开好民主生活会', when: head },
          { id: 'c2', text: ['认真参加', { text: '并监督', when: { var: 'leader_role', equals: '纪检监察' } }, '民主生活会'], when: { not: head } },
        ],
      },
    ],
  });
  const lines = (answers: Record<string, string | number>, warnings?: string[]) =>
    documentLines(resolve(roles, { year: 2024, name: '张三', ...answers }, { onWarning: (w) => warnings?.push(w.message) }));

  it('derives the role from the 职务 when 责任类别 is 按职务确定 or not given, and puts it in meta', () => {
    expect(lines({ position: '党组书记、局长' })).toEqual(['2024年第一责任人责任清单', '（第二行）', '一、部分', '1.带头开好民主生活会']);
    expect(lines({ position: '党组成员、副局长', leader_role: '按职务确定' })).toEqual(['2024年重要领导责任清单', '一、部分', '1.认真参加民主生活会']);
    expect(lines({ position: '纪检监察组组长' })).toEqual(['2024年责任清单', '一、部分', '1.认真参加并监督民主生活会']);
    expect(resolve(roles, { year: 2024, name: '张三', position: '局长' }).meta.role).toBe('secretary');
  });

  it('lets a given 责任类别 win over the 职务, and builds the file name from segments', () => {
    const doc = resolve(roles, { year: 2024, name: '张三', position: '副局长', leader_role: '主要负责人' });
    expect(doc.meta.role).toBe('secretary');
    expect(doc.fileName).toBe('张三第一责任人清单');
    expect(resolve(roles, { year: 2024, name: '张三', position: '局长', leader_role: '班子成员' }).fileName).toBe('张三清单');
  });

  it('uses 班子成员 and warns, naming both fields, when neither is given', () => {
    const warnings: string[] = [];
    expect(lines({}, warnings)).toEqual(['2024年重要领导责任清单', '一、部分', '1.认真参加民主生活会']);
    expect(warnings).toEqual([
      '「职务」（position）和「责任类别」（leader_role）都没有填写，按“班子成员”生成；主要负责人请填写职务（如“党组书记、局长”）或把「责任类别」选为“主要负责人”。',
    ]);
    expect(lines({ position: '副局长' }, warnings)).toHaveLength(3);
    expect(warnings).toHaveLength(1);
  });

  it('rejects a 责任类别 that is not one of the options', () => {
    expect(() => resolve(roles, { year: 2024, name: '张三', leader_role: '书记' })).toThrowError(/「责任类别」（leader_role）只能是 按职务确定 \/ 主要负责人 \/ 班子成员 \/ 纪检监察 之一/);
  });

  it('says so when the conditions leave the title without a line', () => {
    const bare = Template.parse({ ...roles, title: [{ text: '只给主要负责人', when: head }] });
    expect(() => resolve(bare, { year: 2024, name: '张三', position: '副局长' })).toThrowError(/标题在这些答案下一行也没有/);
  });
});
