/**
 * `@qingdan/cli`: the `qingdan` command line (`bin.js`). Exported for tests and embedding.
 */
export { run, createProgram } from './program.js';
export { ExitCode, exitCodeOf, describeError, UsageError, CancelledError, isCancel } from './exit.js';
export { runInterview, askVariable, checkValue, variablesOf, summaryLines, showValue, type InterviewAnswers, type InterviewOptions } from './interview.js';
export { parseAnswersFile, readAnswersFile, answersYaml, splitByScope, writeFileAtomic } from './answers-file.js';
export { rosterFromAnswers } from '@qingdan/roster';
export type { AnswersFile } from '@qingdan/model';
export { processIo, NOT_A_TERMINAL, type Io, type Sink } from './io.js';
