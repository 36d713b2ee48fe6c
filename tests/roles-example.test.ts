/**
 * Issue 18 on the example roster (examples/roster.yaml, 2025): each unit's 主要负责人 gets the
 * 第一责任人 list, no other leader gets the head-only clauses, the 纪检监察 leader gets the 监督责任
 * list, and no document carries “党中央区委” or wording bound to another year. Text is read from the
 * resolved documents (engine's `documentLines`); one end-to-end check reads the DOCX files a batch writes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJobs, runBatch } from '@qingdan/batch';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import type { Job, ResolvedDocument } from '@qingdan/model';
import { readRoster, type Roster } from '@qingdan/roster';
import { loadTemplates } from '@qingdan/template-files';

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = loadTemplates(join(root, 'templates'));
const list = [...templates.values()];

/** The clauses only a 主要负责人 has: 带头开好 the unit's 民主生活会, yearly talks with the other 班子成员, chairing the study group. */
const HEAD_ONLY = [/带头开好.{0,20}民主生活会/u, /每年与[^。]{0,20}领导班子成员[^。]{0,20}谈心谈话/u, /带动班子成员/u, /主持[^。]{0,10}理论中心组/u, /第一责任人/u];
/** Wording of 2022 and 2023 that a 2025 list must not carry. */
const OTHER_YEARS = [/新冠/u, /疫情防控/u, /我为二十大作贡献/u, /奋进新征程/u, /建功新时代/u, /宣传贯彻党的二十大工作/u];

interface Made {
  job: Job;
  doc: ResolvedDocument;
  text: string;
}

let roster: Roster;
let made: Made[];
beforeAll(async () => {
  roster = await readRoster(join(root, 'examples', 'roster.yaml'), list);
  made = [...planJobs({ roster, templates: list, formats: ['docx'], renderers: {}, previous: new Map(), edited: [] })].map((item) => {
    if (item.kind === 'failed') throw new Error(`${item.ref.key}: ${item.message}`);
    return { job: item.job, doc: item.job.doc, text: documentLines(item.job.doc).join('\n') };
  });
});
const lists = () => made.filter((m) => m.job.templateId === 'responsibility-list');

describe('the example roster, list by role', () => {
  it('reads without issues or warnings: every leader has a 职务, every unit one 主要负责人', () => {
    expect(roster.issues).toEqual([]);
    expect(roster.warnings).toEqual([]);
    expect(made).toHaveLength(18);
  });

  it('gives each unit’s 主要负责人, and only them, the 第一责任人 list', () => {
    const heads = lists().filter((m) => m.doc.meta.role === 'secretary');
    expect(heads.map((m) => `${m.job.unit}/${m.job.leader}`)).toEqual([
      '区发展和改革局/王建国同志',
      '区教育局/刘晓燕同志',
      '区市场监督管理局/周建华同志',
      '区统计局/何丽娟同志',
    ]);
    for (const m of heads) {
      expect(m.doc.title).toEqual(['2025年履行全面从严治党', '第一责任人责任清单']);
      expect(m.doc.fileName).toBe(`2025年${m.job.leader}履行全面从严治党第一责任人责任清单`);
      expect(m.text).toContain(`${m.job.leader}作为`);
      expect(m.text).toContain(`是${m.job.unit}全面从严治党第一责任人`);
      expect(m.text).toContain(`带头开好${m.job.unit}领导班子民主生活会`);
      expect(m.text).toContain(`每年与${m.job.unit}领导班子成员至少开展1次谈心谈话`);
    }
    // 刘晓燕同志's unit has a 党委, not a 党组: the list says so wherever it names it
    const liu = heads.find((m) => m.job.leader === '刘晓燕同志')!;
    expect(liu.text).toContain('主持局党委理论中心组学习');
    expect(liu.text).not.toMatch(/党组(?!织)/u); // 党组织 is any Party organisation
  });

  it('gives the 班子成员 their 重要领导责任 list, without any head-only clause', () => {
    const members = lists().filter((m) => m.doc.meta.role === 'member');
    expect(members.map((m) => m.job.leader)).toEqual([
      '李卫东同志', '张秀兰同志', '陈志刚同志', '赵国强同志', '孙丽华同志', '吴海燕同志', '郑伟同志', '马俊峰同志', '林春梅同志',
    ]);
    for (const m of members) {
      expect(m.doc.title).toEqual(['2025年履行全面从严治党重要领导责任清单']);
      for (const pattern of HEAD_ONLY) expect(m.text, `${m.job.leader}: ${pattern}`).not.toMatch(pattern);
      expect(m.text).toContain(`认真参加${m.job.unit}领导班子民主生活会`);
      expect(m.text).toContain('每年与分管科室负责人和党员干部至少开展1次谈心谈话');
      expect(m.text).toContain('履行重要领导责任');
      expect(m.doc.blocks.filter((b) => b.kind === 'clause')).toHaveLength(22);
    }
  });

  it('gives the 纪检监察 leader the 监督责任 list, without the head-only clauses', () => {
    const inspectors = lists().filter((m) => m.doc.meta.role === 'inspector');
    expect(inspectors.map((m) => `${m.job.unit}/${m.job.leader}`)).toEqual(['区市场监督管理局/黄志明同志']);
    const [huang] = inspectors;
    expect(huang!.doc.title).toEqual(['2025年履行全面从严治党监督责任清单']);
    expect(huang!.doc.fileName).toBe('2025年黄志明同志履行全面从严治党监督责任清单');
    expect(huang!.text).toContain('对区市场监督管理局全面从严治党工作履行监督责任');
    expect(huang!.text).toContain('运用监督执纪“四种形态”');
    for (const pattern of HEAD_ONLY) expect(huang!.text).not.toMatch(pattern);
  });

  it('has no “党中央区委” join and no 2022/2023 wording in any document (task lists included)', () => {
    for (const m of made) {
      expect(m.text, m.job.key).not.toContain('党中央区委');
      expect(m.text, m.job.key).not.toMatch(/党中央(?:[省市区县]委)/u);
      for (const pattern of OTHER_YEARS) expect(m.text, `${m.job.key}: ${pattern}`).not.toMatch(pattern);
    }
    const lists = made.filter((m) => m.job.templateId === 'responsibility-list');
    for (const m of lists) expect(m.text).toContain('党中央和区委');
  });
});

describe('year-bound wording in the task list', () => {
  const task = templates.get('task-list')!;
  const text = (year: number) => documentLines(resolve(task, { ...exampleAnswers(task), year })).join('\n');

  it('keeps each phrase for its own years only', () => {
    const y2022 = text(2022);
    expect(y2022).toContain('持续做好常态化新冠肺炎疫情防控工作。');
    expect(y2022).toContain('围绕“走好第一方阵，我为二十大作贡献”组织1次党支部书记讲专题党课');
    const y2023 = text(2023);
    expect(y2023).not.toMatch(/新冠|我为二十大作贡献/u);
    expect(y2023).toContain('机关各支部开展1次“奋进新征程建功新时代”主题党日活动');
    expect(y2023).toContain('第四，做好宣传贯彻党的二十大工作。');
    const y2025 = text(2025);
    for (const pattern of OTHER_YEARS) expect(y2025).not.toMatch(pattern);
    expect(y2025).toContain('第四，深入学习宣传贯彻党的二十大精神。');
    expect(y2025).toContain('“七一”前后，组织1次党支部书记讲专题党课，机关各支部开展1次主题党日活动。');
    expect(y2025).toContain('推动巩固拓展脱贫攻坚成果同乡村振兴有效衔接。');
    const y2026 = text(2026);
    expect(y2026).not.toContain('有效衔接');
    expect(y2026).toContain('认真履行定点帮扶责任，助力推进乡村全面振兴。');
    expect(documentLines(resolve(task, { ...exampleAnswers(task), year: 2028, party_congress: '党的二十一大' })).join('\n')).toContain(
      '进一步学懂弄通做实党的二十一大精神',
    );
  });
});

describe('end to end: the DOCX files a batch of the example roster writes', () => {
  const out = mkdtempSync(join(tmpdir(), 'qingdan-roles-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('name and title the head’s list 第一责任人责任清单, the deputies’ 重要领导责任清单, and none says 党中央区委', async () => {
    const summary = await runBatch({ roster, templates: list, outDir: out, formats: ['docx'], concurrency: 2, rosterHash: roster.hash });
    expect(summary.failed).toEqual([]);
    expect(summary.counts).toEqual({ total: 18, written: 18, skipped: 0, failed: 0 });
    const textOf = async (file: string): Promise<string> => {
      const zip = await JSZip.loadAsync(readFileSync(file.startsWith('/') ? file : join(out, file)));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
    };
    const dir = '2025/区统计局';
    const head = await textOf(`${dir}/2025年何丽娟同志履行全面从严治党第一责任人责任清单.docx`);
    expect(head).toContain('2025年履行全面从严治党第一责任人责任清单');
    expect(head).toContain('带头开好区统计局领导班子民主生活会');
    const deputy = await textOf(`${dir}/2025年马俊峰同志履行全面从严治党重要领导责任清单.docx`);
    expect(deputy).toContain('2025年履行全面从严治党重要领导责任清单');
    for (const pattern of HEAD_ONLY) expect(deputy).not.toMatch(pattern);
    const docx = summary.files.written.filter((f) => f.endsWith('.docx'));
    expect(docx).toHaveLength(18);
    for (const f of docx) {
      const text = await textOf(f);
      expect(text, f).not.toContain('党中央区委');
      for (const pattern of OTHER_YEARS) expect(text, `${f}: ${pattern}`).not.toMatch(pattern);
    }
  }, 120_000);
});
