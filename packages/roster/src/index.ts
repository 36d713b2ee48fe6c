/**
 * `@qingdan/roster`: read the roster (花名册) of units and leaders that drives a batch, from YAML,
 * CSV (UTF-8 with or without BOM, GB18030) or XLSX, and the answers file of the interview, into
 * checked, normalised answers — every problem reported in one pass, in Chinese, naming file, row
 * and column (YAML: line and column), nothing left out without a word. Both go through one
 * validation. The shapes (`Roster`, `AnswersFile` …) are the zod schemas of `@qingdan/model`.
 */
export { readRoster, parseRoster, rosterFormat, type RosterOptions } from './read.js';
export { parseAnswersFile, rosterFromAnswers, answersYaml, splitByScope } from './answers-file.js';
export { rosterColumns, type RosterColumn } from './columns.js';
export { decodeRosterText, type TextEncoding } from './decode.js';
export type { Roster, RosterUnit, RosterLeader, RosterFormat, RosterPlace, AnswersFile } from '@qingdan/model';
export { rosterCsv, rosterXlsx } from './write.js';
