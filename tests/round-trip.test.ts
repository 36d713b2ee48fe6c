import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { correctedSeed, SEED_CORRECTIONS, seedDocuments } from './fixtures/seed-corrections.js';

const templatePath = (id: string): string => fileURLToPath(new URL(`../templates/${id}/template.yaml`, import.meta.url));

describe.each(['task-list', 'responsibility-list'] as const)('round trip of %s', (id) => {
  const template = loadTemplate(templatePath(id));
  const doc = resolve(template, exampleAnswers(template));

  it('gives back the sample text word for word, apart from the listed corrections', () => {
    expect(documentLines(doc)).toEqual(correctedSeed(id));
  });

  it('differs from the raw sample only where a correction is listed', () => {
    const raw = seedDocuments()[id];
    const got = documentLines(doc);
    const changed = got.filter((line, i) => line !== raw[i]).length;
    const listed = new Set(SEED_CORRECTIONS.filter((c) => c.template === id).map((c) => raw.findIndex((l) => l.includes(c.sample))));
    expect(got).toHaveLength(raw.length);
    expect(changed).toBe(listed.size);
  });

  it('leaves no “XX” that is not a variable’s sample value', () => {
    const t = template;
    for (const clauseText of [t.title, t.fileName, t.sections, t.preamble].map((x) => JSON.stringify(x))) {
      expect(clauseText).not.toMatch(/XX/);
    }
  });
});

describe('the curated templates', () => {
  const task = loadTemplate(templatePath('task-list'));
  const resp = loadTemplate(templatePath('responsibility-list'));

  it('number the task list 第一， … per section and the responsibility list 1. … 22. across sections', () => {
    const t = resolve(task, exampleAnswers(task)).blocks;
    const r = resolve(resp, exampleAnswers(resp)).blocks;
    expect(t.filter((b) => b.kind === 'heading').map((b) => b.number)).toEqual(['一、', '二、', '三、']);
    expect(t.filter((b) => b.kind === 'clause').map((b) => b.number).slice(0, 10)).toEqual(['第一，', '第二，', '第三，', '第四，', '第五，', '第六，', '第七，', '第八，', '第九，', '第一，']);
    expect(r.filter((b) => b.kind === 'heading').map((b) => b.number)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、']);
    expect(r.filter((b) => b.kind === 'clause').map((b) => b.number)).toEqual(Array.from({ length: 22 }, (_, i) => `${i + 1}.`));
  });

  it('use the divisions a leader supervises in the responsibility list', () => {
    const doc = resolve(resp, { ...exampleAnswers(resp), leader_name: '张三同志', divisions: ['办公室', '财务科'] });
    expect(doc.blocks[0]).toEqual(expect.objectContaining({ kind: 'paragraph' }));
    expect(doc.blocks[0]?.kind === 'paragraph' && doc.blocks[0].text).toMatch(/^张三同志根据局党组工作分工，分管办公室、财务科，对职责范围内/);
    expect(doc.meta).toEqual({ year: 2023, unit: '区XX局', leader: '张三同志', divisions: ['办公室', '财务科'], role: 'member' });
    expect(doc.fileName).toBe('2023年张三同志履行全面从严治党重要领导责任清单');
  });

  it('drop the 机关党委 section for a unit without one and renumber the rest', () => {
    const doc = resolve(task, { ...exampleAnswers(task), has_organ_committee: false });
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => h.number + h.text)).toEqual(['一、党组（党委）重点工作任务清单', '二、党支部重点工作任务清单']);
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('');
    expect(text).not.toContain('党总支重点任务工作参照机关党委');
    expect(text).toContain('认真落实上级党组织和本单位党组（党委）的工作部署');
    expect(text).toContain('落实党组（党委）学习安排和“及时跟进学”要求');
  });

  it('keep the 党员先锋岗 sentence only for a 窗口单位', () => {
    const withIt = resolve(task, { ...exampleAnswers(task), window_unit: true });
    const without = resolve(task, { ...exampleAnswers(task), window_unit: false });
    const find = (d: typeof withIt): string => d.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(find(withIt)).toContain('窗口单位要积极组织开展党员先锋岗创建工作。');
    expect(find(without)).not.toContain('窗口单位');
    expect(find(without)).toContain('推动党支部工作和业务工作深度融合。依托“1+N”区域化党建');
  });
});
