/**
 * Speed of the DOCX renderer on the seed's responsibility list (≈ 7 pages): building the tree,
 * and building + packing the bytes, with the static parts of the layout cached (as renderDocx
 * does) and compiled anew for every document (as before the cache). Run:
 * `npx vitest bench --run packages/render-docx`.
 */
import { bench, describe } from 'vitest';
import { buildDocxDocument, renderDocx } from '../src/index.js';
import { setDocxPartCache } from '../src/render.js';
import { seedResponsibilityList } from '../test/fixture.js';

const doc = seedResponsibilityList();

describe('render-docx, responsibility list', () => {
  bench('buildDocxDocument (tree only)', () => {
    buildDocxDocument(doc);
  });
  bench('renderDocx, every part compiled (no cache of static parts)', async () => {
    setDocxPartCache(false);
    await renderDocx(doc);
    setDocxPartCache(true);
  });
  bench('renderDocx (tree + zip bytes; static parts cached)', async () => {
    await renderDocx(doc);
  });
});
