export { toChineseNumeral, formatNumber, NumberingStyle } from './numbering.js';
export {
  VariableKey,
  Value,
  Scalar,
  Condition,
  VariableType,
  VariableRole,
  Variable,
  Segment,
  Text,
  Paragraph,
  Clause,
  Section,
  TemplateKind,
  Numbering,
  Template,
  type TemplateInput,
  Answers,
  ResolvedBlock,
  ResolvedDocument,
} from './schema.js';
export { templateJsonSchema } from './json-schema.js';
export { sanitizeText, type SanitizeReport } from './sanitize.js';
export { QingdanError, type QingdanErrorCode, type Issue } from './errors.js';
export {
  Format,
  FORMATS,
  Finding,
  Job,
  ManifestFile,
  ManifestOutput,
  EditedFile,
  Manifest,
  MANIFEST_SCHEMA,
  FontRecord,
  JournalEntry,
  FileTarget,
  SerializedError,
  FileOutcome,
  RenderSetup,
  ToWorker,
  FromWorker,
} from './output.js';
