/**
 * Benchmark of the pure import (text → templates + report), not a test.
 * Run: `cd packages/importer && npx tsx --conditions=source scripts/bench.ts`
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importText } from '../src/index.js';

const seed = readFileSync(fileURLToPath(new URL('../../../seeds/000_6191e73f1c3e00fc.txt', import.meta.url)), 'utf8');
const time = (n: number, f: () => void): number => {
  const t = performance.now();
  for (let i = 0; i < n; i += 1) f();
  return (performance.now() - t) / n;
};
time(20, () => importText(seed, 'seed'));
console.log(`seed (2 documents, ${String(seed.split('\n').length)} lines): ${time(200, () => importText(seed, 'seed')).toFixed(2)} ms per import`);
const big = Array.from({ length: 50 }, () => seed.split('\n').slice(4).join('\n')).join('\n');
console.log(`50 copies (${String(big.split('\n').length)} lines, 100 documents): ${time(5, () => importText(big, 'big')).toFixed(1)} ms per import`);
