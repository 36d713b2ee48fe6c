import { describe, expect, it } from 'vitest';
import { manifestInterval } from '../src/manifest-writer.js';

describe('manifest write interval', () => {
  it('is 300 ms for a short manifest, grows 4 ms a listed document, and stops at 5 s', () => {
    expect([0, 10, 75, 76, 250, 500, 1250, 5000].map(manifestInterval)).toEqual([300, 300, 300, 304, 1000, 2000, 5000, 5000]);
  });
});
