/**
 * `@qingdan/roster`: read the roster (花名册) of units and leaders that drives a batch, from YAML,
 * CSV (UTF-8 with or without BOM, GB18030) or XLSX, into checked, normalised answers — with every
 * problem reported in Chinese, naming file, row and column.
 */
export { readRoster, parseRoster, rosterFormat } from './read.js';
export { parseAnswersFile, answersYaml, splitByScope, type AnswersFile } from './answers-file.js';
export { rosterColumns, type RosterColumn } from './columns.js';
export { decodeRosterText, type TextEncoding } from './decode.js';
export type { Roster, RosterUnit, RosterLeader, RosterFormat } from './types.js';
export { rosterCsv, rosterXlsx } from './write.js';
