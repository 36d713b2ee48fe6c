/**
 * The answers file the interview writes: what is saved is what `generate --answers` reads back
 * (`parseAnswersFile` of `@qingdan/roster`, whose own tests cover reading and checking it).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleAnswers } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import type { Template } from '@qingdan/model';
import { parseAnswersFile } from '@qingdan/roster';
import { answersYaml } from '../src/answers-file.js';

const templates = loadTemplates(join(import.meta.dirname, '../../../templates'));
const both = [...templates.values()];
const resp = templates.get('responsibility-list') as Template;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Unit values of both templates, from the sample text, with a real year and unit. */
function unitValues(): Record<string, string | number | boolean | string[]> {
  const all = { ...exampleAnswers(templates.get('task-list') as Template), ...exampleAnswers(resp) };
  for (const v of resp.variables) if (v.scope === 'leader') delete all[v.key];
  return { ...all, year: 2024, unit_name: '区发展和改革局' };
}

describe('answers file', () => {
  it('round-trips: saved YAML reads back to the same values, labels as comments', () => {
    const data = {
      templates: ['task-list', 'responsibility-list'],
      unit: unitValues(),
      leaders: [
        { leader_name: '张三同志', divisions: ['办公室', '财务科'] },
        { leader_name: '李四同志', divisions: ['规划科'] },
      ],
    };
    const yaml = answersYaml(data, both);
    expect(yaml).toMatch(/^units:\n {2}- # 年度\n {4}year: 2024\n/mu);
    expect(yaml).toMatch(/# 单位名称\n {4}unit_name: 区发展和改革局\n/u);
    expect(yaml).toMatch(/# 班子成员姓名\n\s+leader_name: 张三同志/u);
    expect(yaml).toContain('# 再次生成：qingdan generate --answers <本文件>\n');
    const back = parseAnswersFile(enc(yaml), 'answers.yaml', both);
    expect(back.unit).toEqual(data.unit);
    expect(back.leaders).toEqual(data.leaders);
    expect(back.issues).toEqual([]);
    expect(back.hash).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('names the chosen lists in the header when not all were chosen', () => {
    const yaml = answersYaml({ templates: ['responsibility-list'], unit: unitValues(), leaders: [{ leader_name: '张三同志', divisions: ['办公室'] }] }, both);
    expect(yaml).toContain('# 再次生成：qingdan generate --answers <本文件> --template responsibility-list\n');
  });
});
