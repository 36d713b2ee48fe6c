import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { documentLines, exampleAnswers } from '@qingdan/engine';
import type { ResolvedDocument } from '@qingdan/model';
import type { Page } from '@qingdan/render-html';
import { parseAnswersFile } from '@qingdan/roster';
import { contentDisposition, startServer, type RunningServer } from '@qingdan/web';

/** A raw HTTP request (fetch would normalise the path and forbid a Host header). */
function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

const post = (server: RunningServer, path: string, body: unknown): Promise<Response> =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('preview server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, maxUploadBytes: 100 * 1024 });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and serves the page with CSP and nosniff', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/app.js">');
    // No address outside this server (no CDN).
    expect(html).not.toMatch(/https?:\/\//);
    const js = await (await fetch(new URL('/app.js', server.url))).text();
    expect(js.length).toBeGreaterThan(1000);
    expect(js).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const css = await (await fetch(new URL('/preview.css', server.url))).text();
    expect(css).toContain('width: 210mm');
  });

  it('serves nothing outside public/', async () => {
    for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/../../../templates/task-list/template.yaml', '/.gitignore', '/index.html%00.js', '/..\\package.json']) {
      const res = await raw(server.url, { path });
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain('"name"');
    }
  });

  it('answers only to loopback host names and same-origin posts', async () => {
    const port = new URL(server.url).port;
    expect((await raw(server.url, { path: '/', headers: { Host: `evil.example:${port}` } })).status).toBe(421);
    const res = await raw(server.url, {
      method: 'POST',
      path: '/api/resolve',
      headers: { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('lists the templates with their variables', async () => {
    const { templates } = (await (await fetch(new URL('/api/templates', server.url))).json()) as { templates: { id: string; variables: { key: string; label: string }[] }[] };
    expect(templates.map((t) => t.id).sort()).toEqual(['responsibility-list', 'task-list']);
    const rl = templates.find((t) => t.id === 'responsibility-list');
    expect(rl?.variables.find((v) => v.key === 'divisions')?.label).toBe('分管科室');
  });

  it('resolves: issues per field (labels, not keys), visible gaps standing in, pages as the PDF breaks them', async () => {
    const res = await post(server, '/api/resolve', { templateId: 'responsibility-list', answers: { leader_name: '李四', year: '二〇二四' } });
    const reply = (await res.json()) as { document: ResolvedDocument; pages?: Page[]; issues: { message: string; where?: { variable?: string } }[]; complete: boolean; asked: Record<string, boolean> };
    expect(reply.complete).toBe(false);
    expect(reply.issues.find((i) => i.where?.variable === 'year')?.message).toBe('「年度」应为数字，收到 "二〇二四"。');
    expect(reply.issues.find((i) => i.where?.variable === 'divisions')?.message).toMatch(/^缺少必填项「分管科室」：/);
    for (const i of reply.issues) expect(i.message).not.toMatch(/（[a-z_]+）/);
    expect(reply.document.blocks[0]).toMatchObject({ kind: 'paragraph' });
    // Unfilled and malformed answers are gaps in 【】, never the sample's wording (XX, 2023).
    expect((reply.document.blocks[0] as { text: string }).text.startsWith('李四根据【本单位党组（党委）】工作分工，分管【分管科室】')).toBe(true);
    expect(reply.document.title.join('')).toMatch(/^【年度】年/);
    expect(JSON.stringify(reply.document)).not.toMatch(/XX|2023/);
    // Every variable is asked until the engine has conditions on questions.
    expect(Object.values(reply.asked).every((a) => a)).toBe(true);
    // The PDF renderer's own pages (absent only when it has no fonts).
    const pages = reply.pages ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const p of pages) expect(p.lines.length).toBeLessThanOrEqual(22);
    // Every character of the document, in order, and no other.
    const text = pages.flatMap((p) => p.lines.flatMap((l) => l.runs.map((r) => r.text))).join('');
    expect(text).toBe(documentLines(reply.document).join('').replace(/\n/g, ''));
    const clause22 = pages.flatMap((p) => p.lines).find((l) => l.runs[0]?.text.startsWith('22.'));
    expect(clause22).toMatchObject({ indent: 2, role: 'body' });
  });

  it('proofreads a complete document: a leftover XX typed into a field is reported', async () => {
    const tpl = server.templates.get('responsibility-list');
    if (!tpl) throw new Error('no template');
    const answers = { ...exampleAnswers(tpl), unit_name: '区统计局', superior: '区委', key_tasks: '乡村振兴', leader_name: '王五同志', divisions: ['综合科', 'XX股'] };
    const reply = (await (await post(server, '/api/resolve', { templateId: 'responsibility-list', answers })).json()) as {
      complete: boolean;
      lint: { severity: string; where: string; message: string }[];
    };
    expect(reply.complete).toBe(true);
    // the sample's own value left in another field is reported too (校领导班子)
    expect(reply.lint.map((m) => `${m.severity} ${m.where} ${m.message}`)).toEqual([
      'error 第 2 段 出现残留的占位符“XX”，应为实际内容',
      'warning 8. 出现学校的用语“校领导班子”，本单位是机关（区统计局）：应为本单位的说法（如“局党组会议”“干部职工”）',
    ]);
  });

  it('proofreads in the province the answers give, as batch does: another province\'s slogan is found, an unknown province said', async () => {
    const tpl = server.templates.get('task-list');
    if (!tpl) throw new Error('no template');
    const base = { ...exampleAnswers(tpl), unit_name: '区统计局', superior: '区委' };
    const lintOf = async (answers: Record<string, unknown>): Promise<string[]> => {
      const reply = (await (await post(server, '/api/resolve', { templateId: 'task-list', answers })).json()) as {
        complete: boolean;
        lint: { rule: string; severity: string; where: string }[];
      };
      expect(reply.complete).toBe(true);
      return reply.lint.map((m) => `${m.rule} ${m.severity} ${m.where}`);
    };
    expect(await lintOf({ ...base, province: '内蒙古', party_congress: '党的二十大' })).toEqual([]);
    // 浙江 is named where the unit's province (内蒙古) belongs: a place of another province
    expect((await lintOf({ ...base, province: '内蒙古', campaign: '浙江“三个年”活动' })).some((l) => l.startsWith('foreign-place warning'))).toBe(true);
    expect(await lintOf({ ...base, province: '火星' })).toContain('context warning 花名册');
  });

  it('downloads the DOCX under its UTF-8 name, and refuses incomplete answers with the issues', async () => {
    const tpl = server.templates.get('responsibility-list');
    if (!tpl) throw new Error('no template');
    const answers = { ...exampleAnswers(tpl), year: 2024, leader_name: '王五', divisions: ['办公室', '财务科'] };
    const res = await post(server, '/api/render/docx', { templateId: 'responsibility-list', answers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(contentDisposition('2024年王五履行全面从严治党重要领导责任清单.docx'));
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('分管办公室、财务科');
    const bad = await post(server, '/api/render/pdf', { templateId: 'responsibility-list', answers: { ...answers, leader_name: '' } });
    expect(bad.status).toBe(422);
    const err = (await bad.json()) as { error: { code: string; issues: { where?: { variable?: string } }[] } };
    expect(err.error.code).toBe('ANSWERS_INVALID');
    expect(err.error.issues.map((i) => i.where?.variable)).toEqual(['leader_name']);
  });

  it('rejects an oversized roster with a Chinese message, and a wrong file type', async () => {
    const big = await raw(server.url, { method: 'POST', path: '/api/roster', headers: { 'X-File-Name': encodeURIComponent('名单.csv'), 'Content-Type': 'application/octet-stream' }, body: Buffer.alloc(200 * 1024, 0x41) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body.toString()).error.message).toBe('花名册文件太大：最多 100 KB。请删去不需要的工作表或行，或分成几个文件上传。');
    const exe = await raw(server.url, { method: 'POST', path: '/api/roster', headers: { 'X-File-Name': 'a.exe' }, body: 'x' });
    expect(exe.status).toBe(415);
    expect(JSON.parse(exe.body.toString()).error.message).toBe('不支持的花名册格式「.exe」（a.exe）：请使用 .yaml / .yml、.csv 或 .xlsx 文件（示例见 examples/roster.*）。');
  });

  it('saves the form as the answers.yaml the CLI writes, and loads it back (labels as keys too)', async () => {
    const answers = { year: '2024', unit_name: '区统计局', leader_name: '王五同志', divisions: ['综合科', '法规科'], window_unit: '是', lectures_per_year: 'x' };
    const res = await post(server, '/api/answers/save', { templateId: 'responsibility-list', answers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(contentDisposition('answers.yaml'));
    const text = await res.text();
    // The one-unit roster the interview writes, with the labels as comments; typed where the engine accepts the value.
    expect(text).toContain('qingdan generate --answers <本文件> --template responsibility-list');
    expect(text).toMatch(/# 年度\n\s+year: 2024\n/);
    expect(text).toMatch(/# 是否窗口单位\n\s+window_unit: true\n/);
    expect(text).toMatch(/lectures_per_year: x\n/);
    const file = parseAnswersFile(new TextEncoder().encode(text), 'answers.yaml', [...server.templates.values()]);
    expect(file.unit).toEqual({ year: 2024, unit_name: '区统计局', window_unit: true, lectures_per_year: 'x' });
    expect(file.leaders).toEqual([{ leader_name: '王五同志', divisions: ['综合科', '法规科'] }]);
    const load = async (body: string, name: string): Promise<Response> =>
      fetch(new URL('/api/answers/load', server.url), { method: 'POST', headers: { 'X-File-Name': encodeURIComponent(name) }, body });
    const back = (await (await load(text, 'answers.yaml')).json()) as { unit: Record<string, unknown>; leaders: Record<string, unknown>[] };
    expect(back.unit).toMatchObject({ year: 2024, unit_name: '区统计局' });
    expect(back.leaders[0]).toMatchObject({ leader_name: '王五同志', divisions: ['综合科', '法规科'] });
    const labelled = (await (await load('年度: 2025\n单位名称: 区民政局\n班子成员:\n  - 班子成员姓名: 赵六同志\n', '旧答案.yml')).json()) as { unit: Record<string, unknown>; leaders: Record<string, unknown>[] };
    expect(labelled).toMatchObject({ unit: { year: 2025, unit_name: '区民政局' }, leaders: [{ leader_name: '赵六同志' }] });
    const broken = await load('year: 2024\nleaders:\n  - leader_name: 张三\n   divisions: [a\n', 'broken.yaml');
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { error: { issues: { message: string }[] } }).error.issues[0]?.message).toMatch(/^broken\.yaml 第 \d+ 行第 \d+ 列：YAML 格式错误/);
    expect((await load('x', '花名册.xlsx')).status).toBe(415);
  });

  it('rejects a template it does not have, and a body that is not JSON', async () => {
    const res = await post(server, '/api/resolve', { templateId: 'nope', answers: {} });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('没有模板「nope」。可用的模板：responsibility-list、task-list。');
    const form = await fetch(new URL('/api/resolve', server.url), { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });
});

describe('download names', () => {
  it('writes RFC 5987 UTF-8 names with an ASCII fallback', () => {
    expect(contentDisposition('2024年清单.docx')).toBe(`attachment; filename="2024___.docx"; filename*=UTF-8''2024%E5%B9%B4%E6%B8%85%E5%8D%95.docx`);
    expect(contentDisposition(`a"b's.pdf`)).toBe(`attachment; filename="a_b's.pdf"; filename*=UTF-8''a%22b%27s.pdf`);
  });
});
