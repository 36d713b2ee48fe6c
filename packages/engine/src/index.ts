export { resolve, documentLines, type ResolveOptions } from './resolve.js';
export { compileTemplate, type CompiledTemplate, type CompiledString } from './compile.js';
export { normalizeAnswers, checkAnswers, exampleAnswers, splitList, type NormalizedAnswers, type ValueWarning } from './answers.js';
export { evaluate, isSet } from './conditions.js';
export { parseTemplate } from './load.js';
export { applyLeaderRole, type WithLeaderRole } from './roles.js';
export { withStandIns, labelGap } from './stand-in.js';
