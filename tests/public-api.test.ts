// Pins the public API (export names) of the packages whose contracts others depend on.
import { describe, expect, it } from 'vitest';
import * as model from '@qingdan/model';
import * as engine from '@qingdan/engine';
import * as layout from '@qingdan/layout';

describe('public API', () => {
  it('@qingdan/model', () => {
    expect(Object.keys(model).sort()).toEqual(
      [
        'Answers', 'Clause', 'Condition', 'Numbering', 'NumberingStyle', 'Paragraph', 'QingdanError', 'ResolvedBlock',
        'ResolvedDocument', 'Scalar', 'Section', 'Segment', 'Template', 'TemplateKind', 'Text', 'Value', 'Variable',
        'VariableKey', 'VariableRole', 'VariableType', 'formatNumber', 'sanitizeText', 'templateJsonSchema', 'toChineseNumeral',
      ].sort(),
    );
  });
  it('@qingdan/engine', () => {
    expect(Object.keys(engine).sort()).toEqual(
      [
        'checkAnswers', 'compileTemplate', 'documentLines', 'evaluate', 'exampleAnswers', 'isSet', 'loadTemplate',
        'loadTemplates', 'normalizeAnswers', 'parseTemplate', 'resolve', 'splitList',
      ].sort(),
    );
  });
  it('@qingdan/layout', () => {
    expect(Object.keys(layout)).toEqual(
      expect.arrayContaining([
        'gbt9704', 'mmToPt', 'mmToTwips', 'ptToTwips', 'halfPoints', 'FontSize',
        // the line breaker render-pdf and render-html share
        'KINSOKU_NO_START', 'KINSOKU_NO_END', 'isFullWidth', 'cellsOf', 'unbreakableUnits', 'breakLines',
      ]),
    );
  });
});
