import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('@qingdan/importer public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'PlaceholderCollector', 'buildTemplate', 'cleanLines', 'findPlaceholders', 'formatReport',
      'importSeed', 'importText', 'isTitleLine', 'kindOf', 'parseSeed',
      'readSeedFile', 'templateYaml', 'usesLeads', 'writeImport', 'yearOf',
    ]);
  });
});
