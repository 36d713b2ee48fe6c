/**
 * `POST /api/batch` without a browser: the zip holds exactly what `runBatch` (the code path of
 * `qingdan batch`) writes for the same roster, manifest included; bad rosters get 400/422 with
 * Chinese located errors; the size limit; the temporary folders are removed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { runBatch } from '@qingdan/batch';
import { parseRoster } from '@qingdan/roster';
import { contentDisposition, startServer, type RunningServer } from '@qingdan/web';

const EXAMPLES = new URL('../../../examples/', import.meta.url);
const XLSX = readFileSync(new URL('roster.xlsx', EXAMPLES));

interface Manifest {
  roster: { hash: string };
  templates: Record<string, unknown>;
  outputs: { key: string; inputHash: string; files: { format: string; path: string; sha256: string }[] }[];
}

/** A multipart body with the roster file and text fields, as `curl -F` sends it. */
function form(bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  f.append('roster', new Blob([new Uint8Array(bytes)]), fileName);
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

/** Every file under `root`, `/`-separated and sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split('\\').join('/'))
    .sort();
}

async function zipOf(res: Response): Promise<{ zip: JSZip; names: string[] }> {
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  return { zip, names: Object.keys(zip.files).filter((n) => !zip.files[n]?.dir).sort() };
}

describe('POST /api/batch', () => {
  let server: RunningServer;
  const work = mkdtempSync(join(tmpdir(), 'qingdan-batch-test-'));
  /** The server's temporary folders go here (TMPDIR), so that the test sees them go. */
  const serverTmp = join(work, 'server-tmp');
  const savedTmp = process.env.TMPDIR;
  const api = (path: string): URL => new URL(path, server.url);

  beforeAll(async () => {
    mkdirSync(serverTmp);
    process.env.TMPDIR = serverTmp;
    server = await startServer({ port: 0, maxUploadBytes: 100 * 1024, concurrency: 1 });
  });
  afterAll(async () => {
    await server?.close();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(work, { recursive: true, force: true });
  });

  it('streams the zip of exactly what runBatch writes for the same roster, manifest.json included, and removes its folder', async () => {
    const res = await fetch(api('/api/batch'), { method: 'POST', body: form(XLSX, 'roster.xlsx', { format: 'docx' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(contentDisposition('roster-清单.zip'));
    expect(res.headers.get('x-qingdan-documents')).toBe('18');
    expect(res.headers.get('x-qingdan-failed')).toBe('0');
    const { zip, names } = await zipOf(res);

    // The CLI's code path on the same bytes: parseRoster + runBatch into a folder.
    const templates = [...server.templates.values()];
    const roster = await parseRoster({ bytes: XLSX, fileName: 'roster.xlsx' }, templates);
    const outDir = join(work, 'cli');
    const summary = await runBatch({ roster, templates, outDir, formats: ['docx'], concurrency: 1, rosterHash: roster.hash, warnings: roster.warnings.map((w) => w.message) });
    expect(summary.complete).toBe(true);
    expect(names).toEqual(filesUnder(outDir));
    expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(18);
    expect(names).toContain('2025/区发展和改革局/2025年李卫东同志履行全面从严治党重要领导责任清单.docx');
    expect(names).toContain('2025/区统计局/2025年度区统计局落实全面从严治党重点任务清单.docx');
    expect(names).toContain('manifest.json');

    const ours = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as Manifest;
    const cli = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(cli).sort());
    expect(ours.roster).toEqual(cli.roster);
    expect(ours.templates).toEqual(cli.templates);
    const byKey = (m: Manifest): Record<string, string> => Object.fromEntries(m.outputs.map((o) => [o.key, o.inputHash]));
    // Same documents, resolved from the same answers (the input hash covers the resolved document).
    expect(byKey(ours)).toEqual(byKey(cli));
    expect(ours.outputs).toHaveLength(18);
    // Every file the manifest lists is in the zip, byte for byte.
    for (const o of ours.outputs) {
      for (const f of o.files) {
        const bytes = await zip.file(f.path)?.async('uint8array');
        expect(bytes && createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      }
    }
    const docx = await JSZip.loadAsync((await zip.file('2025/区发展和改革局/2025年李卫东同志履行全面从严治党重要领导责任清单.docx')?.async('uint8array')) ?? new Uint8Array());
    const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
    expect([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toContain('李卫东同志根据局党组工作分工，分管重大项目科、价格管理科');
    // The upload and the documents were in a temporary folder of ours, removed once sent.
    await expect.poll(() => readdirSync(serverTmp)).toEqual([]);
  }, 120_000);

  it('follows a batch asked for as JSON: 202 with its status, done with the counts, the zip once, then gone', async () => {
    const res = await fetch(api('/api/batch'), {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: form(XLSX, 'roster.xlsx', { format: 'docx', template: 'task-list' }),
    });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { id: string; state: string; counts: { total: number }; formats: string[]; templates: string[] };
    expect(started).toMatchObject({ counts: { total: 4 }, formats: ['docx'], templates: ['task-list'] });
    const status = async (): Promise<{ state: string; counts: { written: number; failed: number } }> =>
      (await (await fetch(api(`/api/batch/${started.id}`))).json()) as { state: string; counts: { written: number; failed: number } };
    await expect.poll(async () => (await status()).state, { timeout: 60_000 }).toBe('done');
    expect((await status()).counts).toMatchObject({ written: 4, failed: 0 });
    const zipRes = await fetch(api(`/api/batch/${started.id}/zip`));
    expect(zipRes.status).toBe(200);
    const { names } = await zipOf(zipRes);
    expect(names).toEqual([
      '2025/区发展和改革局/2025年度区发展和改革局落实全面从严治党重点任务清单.docx',
      '2025/区市场监督管理局/2025年度区市场监督管理局落实全面从严治党重点任务清单.docx',
      '2025/区教育局/2025年度区教育局落实全面从严治党重点任务清单.docx',
      '2025/区统计局/2025年度区统计局落实全面从严治党重点任务清单.docx',
      'manifest.json',
    ]);
    const again = await fetch(api(`/api/batch/${started.id}/zip`));
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe('找不到这批清单：可能已下载过、已取消或已过期，请重新上传花名册。');
    await expect.poll(() => readdirSync(serverTmp)).toEqual([]);
  }, 120_000);

  it('cancels a batch with DELETE and removes its folder', async () => {
    const res = await fetch(api('/api/batch'), { method: 'POST', headers: { Accept: 'application/json' }, body: form(XLSX, 'roster.xlsx') });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const del = await fetch(api(`/api/batch/${id}`), { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await fetch(api(`/api/batch/${id}`))).status).toBe(404);
    expect(readdirSync(serverTmp)).toEqual([]);
  }, 120_000);

  it('refuses a text file given as a roster with 400 or 422 and Chinese errors', async () => {
    const text = new TextEncoder().encode('这是一段说明文字，不是花名册。\n第二行\n');
    const txt = await fetch(api('/api/batch'), { method: 'POST', body: form(text, '说明.txt') });
    expect(txt.status).toBe(400);
    expect(((await txt.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'ROSTER_FORMAT',
      message: '不支持的花名册格式「.txt」（说明.txt）：文本表格请改存为 .csv；请使用 .yaml / .yml、.csv 或 .xlsx 文件（示例见 examples/roster.*）。',
      issues: [],
    });
    const csv = await fetch(api('/api/batch'), { method: 'POST', body: form(text, '说明.csv') });
    expect(csv.status).toBe(422);
    const csvError = ((await csv.json()) as { error: { code: string; message: string; issues: { message: string; where: { file: string } }[] } }).error;
    expect(csvError.code).toBe('ROSTER_INVALID');
    expect(csvError.message).toBe('花名册「说明.csv」有 1 处问题，请改正后重新上传：');
    expect(csvError.issues[0]?.message).toMatch(/^说明\.csv：没有找到表头行/);
    expect(csvError.issues[0]?.where.file).toBe('说明.csv');
    const xlsx = await fetch(api('/api/batch'), { method: 'POST', body: form(text, '花名册.xlsx') });
    expect(xlsx.status).toBe(422);
    expect(((await xlsx.json()) as { error: { message: string } }).error.message).toMatch(/^花名册 花名册\.xlsx 无法按 Excel 工作簿（\.xlsx）读取/);
    expect(readdirSync(serverTmp)).toEqual([]);
  });

  it('names the row and column of a bad row (422); with partial=1 it makes the good rows', async () => {
    const lines = readFileSync(new URL('roster.csv', EXAMPLES), 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').replace('重大项目科、价格管理科', '');
    const bad = new TextEncoder().encode(lines.join('\n'));
    const res = await fetch(api('/api/batch'), { method: 'POST', body: form(bad, '花名册.csv', { format: 'docx' }) });
    expect(res.status).toBe(422);
    const error = ((await res.json()) as { error: { message: string; issues: { message: string; where: { row: number; column: string } }[] } }).error;
    expect(error.message).toBe('花名册「花名册.csv」有 1 处问题，请改正后重新上传（或加上字段 partial=1，只生成没有问题的行）：');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.where).toMatchObject({ row: 3, column: 'C' });
    expect(error.issues[0]?.message).toMatch(/^花名册\.csv 第 3 行 C 列（分管科室）/);
    const partial = await fetch(api('/api/batch'), { method: 'POST', body: form(bad, '花名册.csv', { format: 'docx', partial: '1' }) });
    expect(partial.status).toBe(200);
    expect(partial.headers.get('x-qingdan-documents')).toBe('17');
    const { names } = await zipOf(partial);
    expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(17);
    expect(names.some((n) => n.includes('李卫东'))).toBe(false);
  }, 120_000);

  it('limits the upload (413 naming the limit), wants multipart with a roster file, and checks its fields', async () => {
    // Refused from its declared length (300 KB), or while it arrives (150 KB: within the form's allowance).
    for (const size of [300 * 1024, 150 * 1024]) {
      const big = await fetch(api('/api/batch'), { method: 'POST', body: form(new Uint8Array(size).fill(0x41), '花名册.csv') });
      expect(big.status, String(size)).toBe(413);
      expect(((await big.json()) as { error: { message: string } }).error.message).toBe('花名册文件太大：最多 100 KB。请删去不需要的工作表或行，或分成几个文件上传。');
    }
    const json = await fetch(api('/api/batch'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(((await json.json()) as { error: { message: string } }).error.message).toContain('curl -F roster=@花名册.xlsx');
    const none = new FormData();
    none.append('format', 'docx');
    const noFile = await fetch(api('/api/batch'), { method: 'POST', body: none });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { code: string } }).error.code).toBe('NO_ROSTER');
    const badFormat = await fetch(api('/api/batch'), { method: 'POST', body: form(XLSX, 'roster.xlsx', { format: 'doc' }) });
    expect(badFormat.status).toBe(400);
    expect(((await badFormat.json()) as { error: { message: string } }).error.message).toBe('format 只能是 docx、pdf 或 docx,pdf，收到「doc」。');
    const badTemplate = await fetch(api('/api/batch'), { method: 'POST', body: form(XLSX, 'roster.xlsx', { template: 'nope' }) });
    expect(badTemplate.status).toBe(400);
    expect(((await badTemplate.json()) as { error: { message: string } }).error.message).toContain('没有模板 nope。');
    expect(readdirSync(serverTmp)).toEqual([]);
  });
});
