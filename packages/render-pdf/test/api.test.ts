import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('@qingdan/render-pdf public API', () => {
  it('exports these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'PDF_FONT_ROLES',
      'ROLE_LABELS',
      'createPdfRenderer',
      'defaultFontDirs',
      'fontFileBytes',
      'fontReason',
      'fontReport',
      'formatFontReport',
      'layOutDocument',
      'pdfDefinition',
    ]);
  });
});
