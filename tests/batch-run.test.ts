/**
 * End-to-end batch: the shipped templates, a small roster (2 units, 3 leaders), real DOCX and PDF
 * renderers in the worker pool; names, manifest hashes, skipping, re-rendering, collisions.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchEvent } from '@qingdan/batch';
import type { Template } from '@qingdan/model';
import { expectManifestTrue, readManifestJson } from '../packages/batch/test/fixtures/manifest.js';
import { makeRoster, shippedTemplates, templatesDir } from '../packages/batch/test/fixtures/roster.js';

const templates = shippedTemplates();
const all = [...templates.values()];
const only = (id: string): Template[] => [templates.get(id) as Template];
const tmp = mkdtempSync(join(tmpdir(), 'qingdan-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const RL = '履行全面从严治党重要领导责任清单';
const TL = '落实全面从严治党重点任务清单';

function allFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
}
function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
async function expectComplete(path: string): Promise<void> {
  const bytes = readFileSync(path);
  if (path.endsWith('.pdf')) {
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-7).toString('latin1')).toMatch(/%%EOF\s*$/);
  } else {
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('word/document.xml'), path).not.toBeNull();
  }
}

async function run(
  out: string,
  roster: ReturnType<typeof makeRoster>,
  concurrency = 2,
  rosterHash = 'ab'.repeat(32),
  more: { signal?: AbortSignal; onEvent?: (e: BatchEvent) => void } = {},
) {
  const events: BatchEvent[] = [];
  const summary = await runBatch({
    roster,
    templates: all,
    outDir: out,
    formats: ['docx', 'pdf'],
    concurrency,
    rosterHash,
    ...(more.signal ? { signal: more.signal } : {}),
    onEvent: (e) => {
      events.push(e);
      more.onEvent?.(e);
    },
  });
  return { summary, events };
}

describe('runBatch on the shipped templates', () => {
  const out = join(tmp, 'out');
  const roster = makeRoster(templates, [['张三同志', '李四同志'], ['王五同志']], ['区发展和改革局', '区财政局']);

  it('writes every document under <year>/<unit>/ with the template names, and a true manifest', async () => {
    const { summary, events } = await run(out, roster);
    expect(summary.failed).toEqual([]);
    expect(summary.counts).toEqual({ total: 5, written: 5, skipped: 0, failed: 0 });
    expect(summary.complete).toBe(true);
    expect(events[0]).toEqual({ type: 'start', counts: { total: 5, written: 0, skipped: 0, failed: 0 } });
    // The fixture fills unit fields with the templates' sample values, which still hold the sample's
    // carry-overs: XX (基层党建融入的重大任务, clause 13), 校领导班子会议 (8.), and, against the
    // unit's declared province (the sample's 内蒙古, role `province` of the task list), 贵州's
    // slogan (16.) and the district's 区委 for a unit whose level is not given (14.). Each document
    // is proofread in its unit's context, flagged, and written all the same.
    const lint = summary.findings;
    const responsibility = lint.filter((e) => e.job.templateId === 'responsibility-list');
    expect(responsibility.map((e) => e.job.leader).sort()).toEqual(['张三同志', '李四同志', '王五同志']);
    for (const e of responsibility) {
      expect(e.findings.map((m) => `${m.where} ${m.rule}`)).toEqual(['8. organ-mismatch', '13. placeholder', '14. organ-level', '16. regional-slogan']);
      expect(e.findings.find((m) => m.rule === 'regional-slogan')?.text).toBe('新时代贵州精神');
      expect(e.findings.find((m) => m.rule === 'placeholder')?.text).toBe('XX');
    }
    expect(lint.filter((e) => e.job.templateId === 'task-list')).toEqual([]);
    expect(allFiles(out)).toEqual(
      [
        `2024/区发展和改革局/2024年张三同志${RL}.docx`,
        `2024/区发展和改革局/2024年张三同志${RL}.pdf`,
        `2024/区发展和改革局/2024年李四同志${RL}.docx`,
        `2024/区发展和改革局/2024年李四同志${RL}.pdf`,
        `2024/区发展和改革局/2024年度区发展和改革局${TL}.docx`,
        `2024/区发展和改革局/2024年度区发展和改革局${TL}.pdf`,
        `2024/区财政局/2024年王五同志${RL}.docx`,
        `2024/区财政局/2024年王五同志${RL}.pdf`,
        `2024/区财政局/2024年度区财政局${TL}.docx`,
        `2024/区财政局/2024年度区财政局${TL}.pdf`,
        'manifest.json',
      ].map((p) => p.split('/').join(sep)).sort(),
    );
    for (const f of summary.files.written) await expectComplete(f);
    const m = expectManifestTrue(out);
    expect(m.roster).toEqual({ hash: 'ab'.repeat(32) });
    expect(Object.keys(m.templates).sort()).toEqual(['responsibility-list', 'task-list']);
    expect(m.templates['responsibility-list']?.version).toBe(templates.get('responsibility-list')?.version);
    expect(m.templates['responsibility-list']?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.renderers['@qingdan/render-pdf']).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.outputs.map((o) => o.key)).toEqual([
      '2024/responsibility-list/区发展和改革局/张三同志',
      '2024/responsibility-list/区发展和改革局/李四同志',
      '2024/responsibility-list/区财政局/王五同志',
      '2024/task-list/区发展和改革局',
      '2024/task-list/区财政局',
    ]);
    expect(m.outputs.every((o) => o.year === 2024)).toBe(true);
    expect(m.outputs.find((o) => o.leader === '张三同志')?.findings.map((f) => f.rule)).toEqual(['organ-mismatch', 'placeholder', 'organ-level', 'regional-slogan']);
    expect(m.outputs.every((o) => o.files.length === 2)).toBe(true);
    // The PDF carries the leader's name (text is in the content stream as subset glyph ids, so look at the DOCX).
    const docx = await JSZip.loadAsync(readFileSync(join(out, `2024/区财政局/2024年王五同志${RL}.docx`)));
    expect(await docx.file('word/document.xml')?.async('string')).toContain('王五同志');
  });

  it('a re-run skips every document and says so, leaving the files untouched', async () => {
    const before = Object.fromEntries(allFiles(out).filter((f) => !f.endsWith('manifest.json')).map((f) => [f, statSync(join(out, f)).mtimeMs]));
    const { summary, events } = await run(out, roster);
    expect(summary.counts).toMatchObject({ written: 0, skipped: 5 });
    expect(summary.complete).toBe(true);
    const done = events.filter((e) => e.type === 'done');
    expect(done).toHaveLength(5);
    expect(done.every((e) => e.type === 'done' && e.skipped)).toBe(true);
    for (const [f, mtime] of Object.entries(before)) expect(statSync(join(out, f)).mtimeMs, f).toBe(mtime);
    expectManifestTrue(out);
  });

  it('a changed answer re-renders only the documents that use it', async () => {
    const changed = structuredClone(roster);
    const leader = changed.units[0]?.leaders[1];
    if (!leader) throw new Error('fixture');
    leader.answers = { ...leader.answers, divisions: ['办公室', '人事科', '法规科'] };
    const oldPdf = sha(join(out, `2024/区发展和改革局/2024年李四同志${RL}.pdf`));
    const { summary, events } = await run(out, changed);
    expect(summary.counts).toMatchObject({ written: 1, skipped: 4 });
    const written = events.filter((e) => e.type === 'done' && !e.skipped);
    expect(written.map((e) => (e.type === 'done' ? e.job.key : ''))).toEqual(['2024/responsibility-list/区发展和改革局/李四同志']);
    expect(sha(join(out, `2024/区发展和改革局/2024年李四同志${RL}.pdf`))).not.toBe(oldPdf);
    const docx = await JSZip.loadAsync(readFileSync(join(out, `2024/区发展和改革局/2024年李四同志${RL}.docx`)));
    expect(await docx.file('word/document.xml')?.async('string')).toContain('法规科');
    expectManifestTrue(out);
  });

  it('re-renders a document whose file was changed or deleted on disk', async () => {
    const pdf = join(out, `2024/区财政局/2024年王五同志${RL}.pdf`);
    rmSync(pdf);
    const { summary } = await run(out, makeRoster(templates, [['张三同志', '李四同志'], ['王五同志']], ['区发展和改革局', '区财政局']));
    // 李四同志 goes back to the original divisions: rendered again too.
    expect(summary.counts).toMatchObject({ written: 2, skipped: 3 });
    await expectComplete(pdf);
    expectManifestTrue(out);
    expect(allFiles(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('runBatch in worker threads and in the calling thread', () => {
  it('writes the same PDFs (workers share the font files, whose outlines each thread reads on demand)', async () => {
    const roster = makeRoster(templates, [['张三同志', '李四同志', '赵六同志'], ['王五同志', '孙七同志']], ['区发展和改革局', '区财政局']);
    const inProcess = join(tmp, 'threads-1');
    const pooled = join(tmp, 'threads-2');
    expect((await run(inProcess, roster, 1)).summary.counts.written).toBe(7);
    expect((await run(pooled, roster, 2)).summary.counts.written).toBe(7);
    const undated = (path: string): string => readFileSync(path).toString('latin1').replace(/\(D:\d+Z\)/g, '').replace(/\/ID \[[^\]]*\]/g, '');
    const pdfs = allFiles(inProcess).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(7);
    expect(allFiles(pooled).filter((f) => f.endsWith('.pdf'))).toEqual(pdfs);
    for (const f of pdfs) expect(undated(join(pooled, f)) === undated(join(inProcess, f)), f).toBe(true);
  }, 120_000);
});

describe('runBatch names and failures', () => {
  it('numbers documents that would get the same name, in job order, stable across runs', async () => {
    const out = join(tmp, 'collide');
    const roster = makeRoster(templates, [['张三同志', 'Zhang', 'zhang', '张三同志']]);
    const first = await run(out, roster, 1);
    expect(first.summary.failed).toEqual([]);
    const names = allFiles(out).filter((f) => f.endsWith('.pdf') && f.includes(RL)).map((f) => f.split(/[\\/]/).pop());
    expect(names.sort()).toEqual(
      [`2024年Zhang${RL}.pdf`, `2024年zhang${RL} (2).pdf`, `2024年张三同志${RL}.pdf`, `2024年张三同志${RL} (2).pdf`].sort(),
    );
    const again = await run(out, roster, 2);
    expect(again.summary.counts.skipped).toBe(5);
  });

  it('reports a job whose answers do not fit the template, in Chinese, and writes the others', async () => {
    const out = join(tmp, 'bad');
    const roster = makeRoster(templates, [['张三同志', '李四同志']]);
    const bad = roster.units[0]?.leaders[1];
    if (!bad) throw new Error('fixture');
    bad.answers = { leader_name: '' };
    const { summary, events } = await run(out, roster);
    expect(summary.counts.written).toBe(2);
    expect(summary.failed).toHaveLength(1);
    expect(summary.complete).toBe(false);
    expect(summary.failed[0]?.job.leader).toBe('李四同志');
    expect(summary.failed[0]?.message).toMatch(/班子成员姓名|分管科室/);
    expect(events.some((e) => e.type === 'failed')).toBe(true);
    expectManifestTrue(out);
  });

  it('reports a document whose files cannot be written, in Chinese with the path and reason, keeps the format that was written, leaves no temporary file', async () => {
    const roster = makeRoster(templates, [['张三同志', '李四同志'], ['王五同志']], ['区发展和改革局', '区财政局']);
    // Where each document goes, from a first run into another folder.
    const probe = await run(join(tmp, 'write-fail-probe'), roster);
    const pdfOf = (leader: string): string => {
      const e = probe.events.find((x): x is Extract<BatchEvent, { type: 'done' }> => x.type === 'done' && x.job.leader === leader);
      const file = e?.files.find((f) => f.endsWith('.pdf'));
      if (!file) throw new Error(`fixture: no PDF for ${leader}`);
      return file.slice(join(tmp, 'write-fail-probe').length + 1);
    };
    const out = join(tmp, 'write-fail');
    // 区财政局's folder is a file (the folder cannot be made); 张三同志's PDF path is a folder (the rename fails).
    const unitDir = join(out, pdfOf('王五同志'), '..');
    mkdirSync(join(unitDir, '..'), { recursive: true });
    writeFileSync(unitDir, '');
    mkdirSync(join(out, pdfOf('张三同志')), { recursive: true });
    const { summary } = await run(out, roster);
    expect(summary.failed.map((f) => f.job.leader ?? f.job.unit).sort()).toEqual(['区财政局', '张三同志', '王五同志'].sort());
    const byWho = new Map(summary.failed.map((f) => [f.job.leader ?? f.job.unit, f.message]));
    expect(byWho.get('王五同志')).toMatch(/^无法创建文件夹 .+区财政局：(路径中有一部分不是文件夹（是一个文件）（ENOTDIR）|已有同名的文件或文件夹（EEXIST）)。/);
    expect(byWho.get('张三同志')).toMatch(/^PDF：无法写入文件 .+张三同志.+\.pdf：这是一个文件夹，不是文件（EISDIR）。/);
    expect(summary.counts.written).toBe(2); // 李四同志's responsibility list, 区发展和改革局's task list
    expect(summary.complete).toBe(false);
    expect(allFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // 张三同志's DOCX was written and is listed: one format's failure does not cost the other's file.
    const listed = readManifestJson(out).outputs;
    expect(listed.map((o) => o.leader ?? o.unit).sort()).toEqual(['区发展和改革局', '张三同志', '李四同志'].sort());
    expect(listed.find((o) => o.leader === '张三同志')?.files.map((f) => f.format)).toEqual(['docx']);
    expectManifestTrue(out);
  });

  it('with one thread, lets the event loop turn between documents (timers, the manifest’s writes, Ctrl+C are not held until the end)', async () => {
    const roster = makeRoster(templates, [['甲同志', '乙同志', '丙同志']]);
    const order: string[] = [];
    const { summary } = await run(join(tmp, 'one-thread-turns'), roster, 1, undefined, {
      onEvent: (e) => {
        if (e.type !== 'done') return;
        order.push('done');
        if (order.length === 1) setTimeout(() => order.push('timer'), 0);
      },
    });
    expect(summary.counts.written).toBe(4);
    expect(order.indexOf('timer')).toBeGreaterThan(0);
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1);
  });

  it('with one thread, stopped between documents (as Ctrl+C is), lists every document whose files it wrote', async () => {
    const out = join(tmp, 'one-thread-abort');
    const roster = makeRoster(templates, [['甲同志', '乙同志', '丙同志', '丁同志']]);
    const controller = new AbortController();
    const { summary } = await run(out, roster, 1, undefined, {
      signal: controller.signal,
      // The abort arrives from the event loop, as a signal would: after the next document is written.
      onEvent: (e) => {
        if (e.type === 'done' && !controller.signal.aborted) setTimeout(() => controller.abort(), 0);
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.complete).toBe(false);
    expect(summary.counts.written).toBeGreaterThanOrEqual(1);
    expect(summary.counts.written).toBeLessThan(5);
    const m = expectManifestTrue(out);
    expect(m.outputs).toHaveLength(summary.counts.written);
    expect(allFiles(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(summary.counts.written);
    expect(allFiles(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('writes names with forbidden characters safely', async () => {
    const out = join(tmp, 'unsafe');
    const roster = makeRoster(templates, [['王/五:同志?']], ['区“财政”局<试行>']);
    const { summary } = await run(out, roster, 1);
    expect(summary.failed).toEqual([]);
    expect(allFiles(out).filter((f) => f.endsWith('.pdf')).map((f) => f.split(/[\\/]/).slice(-2).join('/')).sort()).toEqual(
      [`区“财政”局_试行_/2024年王_五_同志_${RL}.pdf`, `区“财政”局_试行_/2024年度区“财政”局_试行_${TL}.pdf`].sort(),
    );
  });
});

describe('runBatch re-render triggers and cancellation', () => {
  it('re-renders when the PDF fonts change, and skips again with the same fonts', async () => {
    const out = join(tmp, 'fonts');
    const roster = makeRoster(templates, [['张三同志']]);
    const base = { roster, templates: only('responsibility-list'), outDir: out, formats: ['pdf'] as ('docx' | 'pdf')[], concurrency: 1 };
    expect((await runBatch(base)).counts.written).toBe(1);
    const body = join(templatesDir, '..', 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
    const withFont = await runBatch({ ...base, fonts: [`body=${body}`] });
    expect(withFont.counts.written).toBe(1);
    expect(readManifestJson(out).fonts?.body?.file).toBe(body);
    expect((await runBatch({ ...base, fonts: [`body=${body}`] })).counts.skipped).toBe(1);
    expectManifestTrue(out);
  });

  it('stops when aborted: no more documents, the manifest lists exactly the finished ones', async () => {
    const out = join(tmp, 'abort');
    const roster = makeRoster(templates, [['甲同志', '乙同志', '丙同志', '丁同志', '戊同志', '己同志']]);
    const controller = new AbortController();
    const { summary } = await run(out, roster, 2, undefined, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'done') controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.counts.written).toBeGreaterThanOrEqual(1);
    expect(summary.counts.written).toBeLessThan(7);
    const m = expectManifestTrue(out);
    expect(m.outputs).toHaveLength(summary.counts.written);
    expect(allFiles(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(summary.counts.written);
    expect(allFiles(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('runBatch output folder lock', () => {
  it('refuses a folder another running batch writes into, and takes over the lock of a killed one', async () => {
    const out = join(tmp, 'locked');
    mkdirSync(out, { recursive: true });
    const lock = join(out, '.qingdan-batch.lock');
    writeFileSync(lock, `${process.ppid}\n`); // a live process
    const options = { roster: makeRoster(templates, [['张三同志']]), templates: only('task-list'), outDir: out, formats: ['docx'] as ('docx' | 'pdf')[] };
    await expect(runBatch(options)).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('正由另一个 qingdan 任务') });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(lock, `${dead}\n`); // a process that has exited
    const summary = await runBatch(options);
    expect(summary.counts.written).toBe(1);
    expect(summary.notices.join('')).toContain('已不在运行，留下的锁已接管');
    expect(existsSync(lock)).toBe(false);
  });
});
