/**
 * The roster and answers-file contracts: what `@qingdan/roster` returns and what the interview
 * writes must parse; what breaks the contract must not.
 */
import { describe, expect, it } from 'vitest';
import { AnswersDocument, AnswersFile, Issue, Roster, RosterPlace } from '@qingdan/model';

const roster = {
  file: 'roster.csv',
  format: 'csv',
  hash: 'c6c36b3edf8e7a919223704fea0e5e5630ec00504f711355dda6e8f607f1060c',
  units: [{ row: 2, name: '区统计局', answers: { year: 2025 }, leaders: [{ row: 2, name: '何丽娟同志', answers: { divisions: ['办公室'] } }] }],
  issues: [{ message: 'roster.csv 第 3 行 B 列（班子成员姓名）：…', where: { file: 'roster.csv', row: 3, column: 'B' } }],
  warnings: [],
};

describe('roster contracts', () => {
  it('a normalised roster parses; a wrong format, a short hash or a row 0 do not', () => {
    expect(Roster.parse(roster)).toEqual(roster);
    expect(Roster.safeParse({ ...roster, format: 'xls' }).success).toBe(false);
    expect(Roster.safeParse({ ...roster, hash: 'abc' }).success).toBe(false);
    expect(Roster.safeParse({ ...roster, units: [{ ...roster.units[0], row: 0 }] }).success).toBe(false);
    expect(Roster.safeParse({ ...roster, extra: 1 }).success).toBe(false);
  });

  it('places: a spreadsheet column letter or a YAML column number', () => {
    expect(RosterPlace.parse({ row: 5, column: 'AG', field: '年度' })).toEqual({ row: 5, column: 'AG', field: '年度' });
    expect(RosterPlace.parse({ row: 12, column: 9 })).toEqual({ row: 12, column: 9 });
    expect(RosterPlace.safeParse({ row: 5, column: 'c' }).success).toBe(false);
    expect(Issue.safeParse({ message: '' }).success).toBe(false);
  });

  it('the answers file the interview writes: one unit with its leaders; two units do not fit', () => {
    const doc = { units: [{ year: 2025, unit_name: '区统计局', leaders: [{ leader_name: '何丽娟同志', divisions: ['办公室'] }] }] };
    expect(AnswersDocument.parse(doc)).toEqual(doc);
    expect(AnswersDocument.safeParse({ units: [doc.units[0], doc.units[0]] }).success).toBe(false);
    expect(AnswersDocument.safeParse({ units: [{ year: { a: 1 } }] }).success).toBe(false);
    const file = { file: 'a.yaml', hash: roster.hash, unit: { year: 2025 }, leaders: [], where: { unit: { row: 1, column: 1 }, fields: {}, leaders: [] }, issues: [], warnings: [] };
    expect(AnswersFile.parse(file)).toEqual(file);
  });
});
