export { toChineseNumeral, formatNumber, NumberingStyle, parseChineseNumeral, matchNumber, type LineNumber } from './numbering.js';
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
  Source,
  Paragraph,
  TitleLine,
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
export {
  LeaderRole,
  LEADER_ROLE_NAMES,
  LEADER_ROLE_OPTIONS,
  ROLE_FROM_POSITION,
  roleFromName,
  roleFromPosition,
  leaderRoleOf,
  type LeaderRoleSource,
} from './roles.js';
export { sanitizeText, type SanitizeReport, type BidiControl } from './sanitize.js';
export { QingdanError, type QingdanErrorCode, Issue } from './errors.js';
export {
  RosterPlace,
  RosterFormat,
  RosterLeader,
  RosterUnit,
  Roster,
  AnswersFileUnit,
  AnswersDocument,
  AnswersFilePlaces,
  AnswersFile,
} from './roster.js';
export {
  Format,
  FORMATS,
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
export { Severity, LintFinding, LintContext, AdminLevel, OrganKind } from './lint.js';
export { ParagraphPart, ParagraphLocation, DocumentParagraph } from './document-text.js';
