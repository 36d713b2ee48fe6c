/**
 * Speed of the DOCX renderer on the seed's responsibility list (≈ 7 pages): building the tree,
 * and building + packing the bytes. Run: `npx vitest bench --run packages/render-docx`.
 */
import { bench, describe } from 'vitest';
import { buildDocxDocument, renderDocx } from '../src/index.js';
import { seedResponsibilityList } from '../test/fixture.js';

const doc = seedResponsibilityList();

describe('render-docx, responsibility list', () => {
  bench('buildDocxDocument (tree only)', () => {
    buildDocxDocument(doc);
  });
  bench('renderDocx (tree + zip bytes)', async () => {
    await renderDocx(doc);
  });
});
