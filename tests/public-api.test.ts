// Pins the public API (export names) of each package: a change here is a change other packages,
// the CLI, the web app or users' scripts see. (importer, render-pdf and roster pin theirs in their
// own test/api.test.ts.)
import { describe, expect, it } from 'vitest';
import * as model from '@qingdan/model';
import * as engine from '@qingdan/engine';
import * as layout from '@qingdan/layout';
import * as store from '@qingdan/store';
import * as templateFiles from '@qingdan/template-files';
import * as batch from '@qingdan/batch';
import * as lint from '@qingdan/lint';
import * as reader from '@qingdan/reader';
import * as renderDocx from '@qingdan/render-docx';
import * as renderHtml from '@qingdan/render-html';
import * as cli from '@qingdan/cli';
import * as web from '@qingdan/web';

const names = (m: object): string[] => Object.keys(m).sort();

describe('public API', () => {
  it('@qingdan/model: the clause model and every contract that crosses a boundary', () => {
    expect(names(model)).toEqual(
      [
        'Answers', 'Clause', 'Condition', 'EditedFile', 'FORMATS', 'FileOutcome', 'FileTarget', 'FontRecord', 'Format',
        'FromWorker', 'Job', 'JournalEntry', 'MANIFEST_SCHEMA', 'Manifest', 'ManifestFile', 'ManifestOutput', 'Numbering',
        'NumberingStyle', 'Paragraph', 'QingdanError', 'RenderSetup', 'ResolvedBlock', 'ResolvedDocument', 'Scalar', 'Section',
        'Segment', 'SerializedError', 'Template', 'TemplateKind', 'Text', 'ToWorker', 'Value', 'Variable', 'VariableKey',
        'VariableRole', 'VariableType', 'formatNumber', 'sanitizeText', 'templateJsonSchema', 'toChineseNumeral',
        // leader roles (主要负责人 / 班子成员 / 纪检监察) and where template text comes from
        'LEADER_ROLE_NAMES', 'LEADER_ROLE_OPTIONS', 'LeaderRole', 'ROLE_FROM_POSITION', 'Source', 'TitleLine', 'leaderRoleOf',
        'roleFromName', 'roleFromPosition',
        // reading numbers back (the importer and the lint's numbering rule)
        'matchNumber', 'parseChineseNumeral',
        // proofreading and documents read from files (lint, reader, check)
        'Severity', 'LintFinding', 'LintContext', 'AdminLevel', 'OrganKind', 'ParagraphPart', 'ParagraphLocation', 'DocumentParagraph',
        // roster and answers-file contracts (packages/model/src/roster.ts), and the issue they carry
        'Issue', 'Roster', 'RosterFormat', 'RosterLeader', 'RosterPlace', 'RosterUnit', 'AnswersDocument', 'AnswersFile',
        'AnswersFilePlaces', 'AnswersFileUnit',
      ].sort(),
    );
  });
  it('@qingdan/engine: pure (no file reading)', () => {
    expect(names(engine)).toEqual(
      [
        'applyLeaderRole', 'checkAnswers', 'compileTemplate', 'documentLines', 'evaluate', 'exampleAnswers', 'isSet', 'labelGap', 'normalizeAnswers',
        'parseTemplate', 'resolve', 'splitList', 'withStandIns',
      ].sort(),
    );
  });
  it('@qingdan/layout', () => {
    expect(names(layout)).toEqual(
      expect.arrayContaining([
        'gbt9704', 'mmToPt', 'mmToTwips', 'ptToTwips', 'halfPoints', 'FontSize',
        // the line composer and the page composition every renderer draws
        'KINSOKU_NO_START', 'KINSOKU_NO_END', 'isFullWidth', 'cellsOf', 'unbreakableUnits', 'breakLines',
        'compose', 'composeLines', 'documentParagraphs', 'standardAdvanceEm', 'IDEOGRAPHIC_EM_BOX_ASCENT', 'baselineInLinePt', 'pageNumberLabel',
      ]),
    );
  });
  it('@qingdan/store', () => {
    expect(names(store)).toEqual(
      [
        'DEFAULT_MAX_BYTES', 'EMPTY_NAME', 'JOURNAL_FILE', 'LOCK_FILE', 'MANIFEST_FILE', 'TEMP_PREFIX', 'TEMP_SUFFIX', 'canonicalJson',
        'collisionKey', 'compareCodeUnits', 'fsReason', 'ioError', 'lockOutDir', 'numberedName', 'openOutputFolder', 'outPath',
        'readManifest', 'removeStaleTemps', 'safeFileName', 'sha256', 'sha256File', 'tempPathFor', 'truncateUtf8', 'utf8Length',
        'writeAtomic', 'writeAtomicSync',
      ].sort(),
    );
  });
  it('@qingdan/template-files', () => {
    expect(names(templateFiles)).toEqual(['BUNDLED_TEMPLATES_DIR', 'loadTemplate', 'loadTemplateSet', 'loadTemplates', 'pickTemplates', 'templatesDirOf']);
  });
  it('@qingdan/batch: planner and run', () => {
    expect(names(batch)).toEqual(['NO_YEAR', 'planJobs', 'planOutline', 'runBatch']);
  });
  it('@qingdan/lint', () => {
    expect(names(lint)).toEqual(
      ['DIVISIONS_SOURCE', 'contextFromAnswers', 'describeLocation', 'findPlaceholders', 'formatLint', 'lintDocument', 'lintParagraphs', 'lintText', 'organOf', 'resolveContext', 'rules'].sort(),
    );
  });
  it('@qingdan/reader', () => {
    expect(names(reader)).toEqual(['decodeText', 'readDocument', 'readDocumentBytes']);
  });
  it('@qingdan/render-docx', () => {
    expect(names(renderDocx)).toEqual(['StyleId', 'buildDocxDocument', 'docxMetrics', 'renderDocx', 'splitText']);
  });
  it('@qingdan/render-html', () => {
    expect(names(renderHtml)).toEqual(
      ['FONT_STACKS', 'escapeHtml', 'htmlStyles', 'layoutPages', 'nodeToHtml', 'pageNode', 'pageNumberText', 'pagesFromComposition', 'pagesNode', 'renderHtml', 'renderHtmlDocument'].sort(),
    );
  });
  it('@qingdan/cli', () => {
    expect(names(cli)).toEqual(
      [
        'CancelledError', 'ExitCode', 'NOT_A_TERMINAL', 'UsageError', 'answersYaml', 'askVariable', 'checkValue', 'createProgram',
        'describeError', 'exitCodeOf', 'isCancel', 'parseAnswersFile', 'processIo', 'readAnswersFile', 'rosterFromAnswers', 'run',
        'runInterview', 'showValue', 'splitByScope', 'summaryLines', 'variablesOf', 'writeFileAtomic',
      ].sort(),
    );
  });
  it('@qingdan/web', () => {
    expect(names(web)).toEqual(['SECURITY_HEADERS', 'contentDisposition', 'defaultServices', 'startServer']);
  });
});
