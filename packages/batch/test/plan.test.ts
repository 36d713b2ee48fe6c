import { describe, expect, it } from 'vitest';
import type { EditedFile, ManifestOutput, Template } from '@qingdan/model';
import { planJobs, planOutline, type PlanInput, type PlanItem } from '../src/index.js';
import { makeRoster, shippedTemplates } from './fixtures/roster.js';

const templates = shippedTemplates();
const all = [...templates.values()];
const rl = templates.get('responsibility-list') as Template;
const tl = templates.get('task-list') as Template;
const RL = '履行全面从严治党重要领导责任清单';

function plan(input: Partial<PlanInput> & Pick<PlanInput, 'roster'>): PlanItem[] {
  return [...planJobs({ templates: all, formats: ['docx', 'pdf'], renderers: { '@qingdan/engine': '1.0.0' }, previous: new Map(), edited: [], ...input })];
}
const jobsOf = (items: PlanItem[]) => items.flatMap((i) => (i.kind === 'job' ? [i.job] : []));

describe('planOutline', () => {
  it('gives one task list per unit and one responsibility list per leader, keyed by year, template, unit and leader', () => {
    const roster = makeRoster(templates, [['张三同志', '李四同志'], ['王五同志'], []]);
    expect(planOutline(roster, [tl, rl]).map((r) => r.key)).toEqual([
      '2024/task-list/区第1局',
      '2024/task-list/区第2局',
      '2024/task-list/区第3局',
      '2024/responsibility-list/区第1局/张三同志',
      '2024/responsibility-list/区第1局/李四同志',
      '2024/responsibility-list/区第2局/王五同志',
    ]);
  });

  it('keeps keys unique when a unit lists the same leader twice (no document is lost)', () => {
    const roster = makeRoster(templates, [['张三同志', '张三同志']]);
    expect(planOutline(roster, [rl]).map((r) => `${r.key}@${r.row}`)).toEqual([
      '2024/responsibility-list/区第1局/张三同志@2',
      '2024/responsibility-list/区第1局/张三同志#3@3',
    ]);
  });

  it('plans nothing for an empty roster', () => {
    expect(planOutline({ units: [] }, all)).toEqual([]);
  });
});

describe('planJobs', () => {
  it('resolves each document once: the job carries the resolved document, its paths and an input hash', () => {
    const roster = makeRoster(templates, [['张三同志']]);
    const [job] = jobsOf(plan({ roster, templates: [rl] }));
    expect(job?.doc.templateId).toBe('responsibility-list');
    expect(job?.doc.meta).toMatchObject({ year: 2024, unit: '区第1局', leader: '张三同志', divisions: ['办公室', '财务科'] });
    expect(job?.doc.blocks.some((b) => b.text.includes('办公室、财务科'))).toBe(true);
    expect(job?.files).toEqual([
      { format: 'docx', path: `2024/区第1局/2024年张三同志${RL}.docx` },
      { format: 'pdf', path: `2024/区第1局/2024年张三同志${RL}.pdf` },
    ]);
    expect(job?.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the task list only the unit’s values, and the responsibility list the unit’s and the leader’s', () => {
    const roster = makeRoster(templates, [['张三同志']]);
    const [task, resp] = jobsOf(plan({ roster, templates: [tl, rl] }));
    expect(task?.doc.meta.leader).toBeUndefined();
    expect(task?.leader).toBeUndefined();
    expect(resp?.doc.meta.unit).toBe('区第1局');
    expect(resp?.leader).toBe('张三同志');
  });

  it('changes the input hash when an answer changes, and only for the documents that use it', () => {
    const a = makeRoster(templates, [['张三同志', '李四同志']]);
    const b = structuredClone(a);
    (b.units[0]?.leaders[1] as { answers: Record<string, unknown> }).answers.divisions = ['法规科'];
    const hashes = (r: typeof a) => jobsOf(plan({ roster: r })).map((j) => `${j.key}=${j.inputHash}`);
    const [before, after] = [hashes(a), hashes(b)];
    expect(before.filter((h) => !after.includes(h)).map((h) => h.split('=')[0])).toEqual(['2024/responsibility-list/区第1局/李四同志']);
  });

  it('reports a document whose answers do not resolve, in Chinese, and plans the others', () => {
    const roster = makeRoster(templates, [['张三同志', '李四同志']]);
    (roster.units[0]?.leaders[1] as { answers: Record<string, unknown> }).answers = { leader_name: '李四同志' };
    const items = plan({ roster, templates: [rl] });
    expect(items.map((i) => i.kind)).toEqual(['job', 'failed']);
    const failed = items[1];
    expect(failed?.kind === 'failed' && failed.ref.leader).toBe('李四同志');
    expect(failed?.kind === 'failed' && failed.message).toMatch(/缺少必填项「分管科室」/);
  });

  it('numbers a name taken by a document outside this run or by a file edited by hand, as Windows compares names', () => {
    const roster = makeRoster(templates, [['张三同志', 'Zhang']]);
    const other: ManifestOutput = {
      key: '2024/responsibility-list/区第1局/别人',
      templateId: 'responsibility-list',
      templateVersion: '1.0.0',
      unit: '区第1局',
      row: 9,
      inputHash: 'x',
      files: [{ format: 'pdf', path: `2024/区第1局/2024年张三同志${RL}.pdf`, sha256: 'a'.repeat(64), bytes: 1 }],
      findings: [],
      writtenAt: '2026-01-01T00:00:00Z',
    };
    const edited: EditedFile[] = [{ key: '2024/responsibility-list/区第1局/Zhang', path: `2024/区第1局/2024年ZHANG${RL}.docx`, sha256: 'b'.repeat(64), bytes: 2, noticedAt: '' }];
    const paths = jobsOf(plan({ roster, templates: [rl], previous: new Map([[other.key, other]]), edited })).map((j) => j.files.map((f) => f.path.split('/').pop()));
    expect(paths).toEqual([
      [`2024年张三同志${RL} (2).docx`, `2024年张三同志${RL} (2).pdf`],
      [`2024年Zhang${RL} (2).docx`, `2024年Zhang${RL} (2).pdf`],
    ]);
  });

  it('keeps a document’s own previous name', () => {
    const roster = makeRoster(templates, [['张三同志']]);
    const [first] = jobsOf(plan({ roster, templates: [rl] }));
    const own: ManifestOutput = {
      key: first?.key ?? '',
      templateId: 'responsibility-list',
      templateVersion: '1.0.0',
      unit: '区第1局',
      row: 2,
      inputHash: 'old',
      files: (first?.files ?? []).map((f) => ({ ...f, sha256: 'c'.repeat(64), bytes: 3 })),
      findings: [],
      writtenAt: '',
    };
    const [again] = jobsOf(plan({ roster, templates: [rl], previous: new Map([[own.key, own]]) }));
    expect(again?.files).toEqual(first?.files);
  });
});
