/**
 * The bundled templates' text: filled with the example roster's values (each unit and leader,
 * with the roster's own province) and with real-looking values of another place and year, the
 * lint finds nothing at all; filled with the sample's own values, it finds the sample's leftovers.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate, loadTemplates } from '@qingdan/template-files';
import { formatLint, lintDocument } from '@qingdan/lint';
import { readRoster } from '@qingdan/roster';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));
const load = (id: string) => loadTemplate(fileURLToPath(new URL(`../templates/${id}/template.yaml`, import.meta.url)));

/** Real-looking answers for one unit and leader of another place and year. */
const local = {
  year: 2026, unit_name: '区发展和改革局', party_body: '局党组', superior: '区委', superior_body: '区委', local_committees: '省委、市委、区委',
  leadership_meeting: '局党组会议', local_spirit: '新时代浙江精神', jurisdiction: '全区', key_tasks: '营商环境建设、乡村振兴',
  leader_name: '王建国同志', divisions: ['办公室', '规划科'], organ_system: '区直机关', organ_work_committee: '区直机关工委',
  model_organ: '模范机关', branch_brand: '五星级党支部', province: '浙江', ethnic_region: false, campaign: '“三服务”专项行动',
  conduct_campaign: '三查三促', member_process: '“四步”工作法', info_platform: '智慧党建', branch_target_percent: 60,
};

describe('lintDocument on the bundled templates', () => {
  it('finds nothing in a list filled with real values', () => {
    for (const id of ['task-list', 'responsibility-list']) {
      const doc = resolve(load(id), local, { allowUnknown: true });
      expect(formatLint(lintDocument(doc, { province: local.province })), id).toEqual([]);
    }
    // … in each of the three kinds of responsibility list
    for (const position of ['党组书记、局长', '党组成员、副局长', '纪检监察组组长']) {
      const doc = resolve(load('responsibility-list'), { ...local, position }, { allowUnknown: true });
      expect(formatLint(lintDocument(doc, { province: local.province })), position).toEqual([]);
    }
  });

  it('finds nothing in any document of the example roster, checked against its own unit', async () => {
    const templates = loadTemplates(templatesDir);
    const roster = await readRoster(fileURLToPath(new URL('../examples/roster.yaml', import.meta.url)), [...templates.values()]);
    let documents = 0;
    for (const unit of roster.units) {
      for (const template of templates.values()) {
        const leaders = template.issuedPer === 'leader' ? unit.leaders : [undefined];
        for (const leader of leaders) {
          const doc = resolve(template, { ...unit.answers, ...(leader?.answers ?? {}) }, { allowUnknown: true });
          const found = lintDocument(doc, { province: String(unit.answers.province) });
          expect(formatLint(found), `${unit.name} ${leader?.name ?? ''}`).toEqual([]);
          documents += 1;
        }
      }
    }
    expect(documents).toBe(18);
  });

  it('flags the XX, 区政协 and 校领导班子 left when the sample values are used as they are', () => {
    const t = load('responsibility-list');
    const found = lintDocument(resolve(t, exampleAnswers(t)));
    expect(found.filter((m) => m.rule === 'placeholder').map((m) => m.where)).toEqual(['第 2 段', '第 2 段', '第 2 段', '2.', '3.', '5.', '6.', '13.', '13.', '19.']);
    expect(found.filter((m) => m.rule !== 'placeholder').map((m) => `${m.where} ${m.rule} ${m.text}`)).toEqual(['8. organ-mismatch 校领导班子']);
    // the 主要负责人's list reports to the sample's superior body, 区政协
    const head = lintDocument(resolve(t, { ...exampleAnswers(t), position: '党组书记、局长' }, { allowUnknown: true }));
    expect(head.filter((m) => m.rule === 'superior-body').map((m) => `${m.where} ${m.text}`)).toEqual(['3. 区政协', '6. 区政协']);
  });
});
