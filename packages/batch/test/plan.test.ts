import { describe, expect, it } from 'vitest';
import { planBatch } from '../src/index.js';
import { makeRoster, shippedTemplates } from './fixtures/roster.js';

const templates = shippedTemplates();

describe('planBatch', () => {
  it('plans one task list per unit and one responsibility list per leader', () => {
    const roster = makeRoster(templates, [['张三同志', '李四同志'], ['王五同志'], []]);
    const jobs = planBatch(roster, templates);
    const byTemplate = (id: string) => jobs.filter((j) => j.templateId === id);
    expect(byTemplate('task-list').map((j) => j.key)).toEqual(['task-list/区第1局', 'task-list/区第2局', 'task-list/区第3局']);
    expect(byTemplate('responsibility-list').map((j) => j.key)).toEqual([
      'responsibility-list/区第1局/张三同志',
      'responsibility-list/区第1局/李四同志',
      'responsibility-list/区第2局/王五同志',
    ]);
    expect(jobs).toHaveLength(6);
  });

  it('merges unit and leader answers, keeping only the keys the template declares', () => {
    const roster = makeRoster(templates, [['张三同志']]);
    const jobs = planBatch(roster, templates);
    const rl = jobs.find((j) => j.templateId === 'responsibility-list');
    const tl = jobs.find((j) => j.templateId === 'task-list');
    expect(rl?.answers.leader_name).toBe('张三同志');
    expect(rl?.answers.unit_name).toBe('区第1局');
    expect(rl?.answers.divisions).toEqual(['办公室', '财务科']);
    expect(rl?.leader).toBe('张三同志');
    expect(rl?.row).toBe(2);
    expect(tl?.answers.leader_name).toBeUndefined();
    expect(tl?.leader).toBeUndefined();
    const declared = new Set(templates.get('task-list')?.variables.map((v) => v.key));
    expect(Object.keys(tl?.answers ?? {}).every((k) => declared.has(k))).toBe(true);
  });

  it('keeps keys unique when a unit lists the same leader twice', () => {
    const roster = makeRoster(new Map([['responsibility-list', templates.get('responsibility-list')!]]), [['张三同志', '张三同志']]);
    const keys = planBatch(roster, new Map([['responsibility-list', templates.get('responsibility-list')!]])).map((j) => j.key);
    expect(keys).toEqual(['responsibility-list/区第1局/张三同志', 'responsibility-list/区第1局/张三同志#3']);
  });

  it('plans nothing for an empty roster', () => {
    expect(planBatch({ units: [] }, templates)).toEqual([]);
  });
});
