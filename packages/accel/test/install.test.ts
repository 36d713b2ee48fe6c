import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ACCEL_PATCH_IDS, install, parseAccelEnv, planPatches, PINNED, type AccelPatchId } from '../src/index.js';

describe('@qingdan/accel public API', () => {
  it('exports these names', () => {
    expect(Object.keys(api).sort()).toEqual(['ACCEL_PATCH_IDS', 'PINNED', 'accelReport', 'install', 'parseAccelEnv', 'pdfAccel', 'planPatches']);
  });
});

describe('QINGDAN_ACCEL', () => {
  it('turns all on when unset or 1, none when 0', () => {
    expect([...parseAccelEnv(undefined).wanted]).toEqual(ACCEL_PATCH_IDS);
    expect(parseAccelEnv(undefined).source).toBe('default');
    expect([...parseAccelEnv('1').wanted]).toEqual(ACCEL_PATCH_IDS);
    expect(parseAccelEnv('0').wanted.size).toBe(0);
    expect(parseAccelEnv('off').source).toBe('env');
  });
  it('takes a list of ids to turn on, or of -ids to turn off', () => {
    expect([...parseAccelEnv('pdf-subset, pdf-font-share').wanted]).toEqual(['pdf-subset', 'pdf-font-share']);
    expect([...parseAccelEnv('-pdf-subset').wanted]).toEqual(ACCEL_PATCH_IDS.filter((id) => id !== 'pdf-subset'));
  });
  it('refuses an id it does not know', () => {
    expect(() => parseAccelEnv('pdf-subst')).toThrow('QINGDAN_ACCEL：不认识「pdf-subst」');
  });
});

describe('the version guard', () => {
  const all = new Set<AccelPatchId>(ACCEL_PATCH_IDS);
  const on = (r: ReturnType<typeof planPatches>): string[] => r.filter((p) => p.on).map((p) => p.id);

  it('turns on what is wanted when every library has its pinned version', () => {
    expect(on(planPatches(all, PINNED))).toEqual(ACCEL_PATCH_IDS);
  });

  it('leaves off, and says why, every speed-up that reaches into a library of another version', () => {
    const report = planPatches(all, { ...PINNED, fontkit: '2.0.5' });
    expect(on(report)).toEqual([]);
    const share = report.find((p) => p.id === 'pdf-font-share')!;
    expect(share.reason).toBe(`未启用：fontkit 的版本是 2.0.5，此项按 ${PINNED.fontkit} 编写`);
    expect(share.versions.fontkit).toEqual({ pinned: PINNED.fontkit, installed: '2.0.5' });
    expect(planPatches(all, { ...PINNED, pdfkit: undefined }).find((p) => p.id === 'pdf-subset')?.reason).toBe('未启用：找不到 pdfkit');
  });

  it('leaves off a speed-up whose prerequisite is off', () => {
    const report = planPatches(new Set<AccelPatchId>(['pdf-layout-cache', 'pdf-subset']), PINNED);
    expect(on(report)).toEqual(['pdf-subset']);
    expect(report.find((p) => p.id === 'pdf-layout-cache')?.reason).toBe('未启用：需要先启用 pdf-font-share');
    expect(report.find((p) => p.id === 'pdf-font-share')?.reason).toBe('已关闭');
  });

  it('pins every library to an exact version', () => {
    for (const v of Object.values(PINNED)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('install', () => {
  it('installs once per thread, with the installed libraries (the pinned versions here)', () => {
    const report = install();
    const wanted = parseAccelEnv(process.env.QINGDAN_ACCEL).wanted;
    expect(report.patches.filter((p) => p.on).map((p) => p.id)).toEqual(ACCEL_PATCH_IDS.filter((id) => wanted.has(id)));
    expect(install()).toBe(report);
    expect(() => install({ enabled: wanted.size === 0 })).toThrow('already called');
  });
});
