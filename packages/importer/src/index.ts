/**
 * `@qingdan/importer`: turns a sample text (范文) with XX placeholders into template skeletons.
 *
 * Pipeline (each phase callable alone): {@link readSeedFile} (I/O and decoding, by `@qingdan/reader`)
 * → {@link cleanLines} (web debris) → {@link parseSeed} (documents and structure) →
 * {@link buildTemplate} (template + placeholder variables) → {@link writeImport} (files).
 */
export { importSeed, importText, type ImportResult, type SeedInput } from './import.js';
export { writeImport, templateYaml, type WriteOptions, type WrittenImport } from './write.js';
export { formatReport, type ImportReport, type DocumentReport, type SectionReport, type PlaceholderReport } from './report.js';
export { readSeedFile, type SeedText } from './read.js';
export { cleanLines, type CleanedText, type SourceLine, type Debris, type DebrisKind } from './clean.js';
export { parseSeed, isTitleLine, yearOf, type ParsedSeed, type ParsedDocument, type ParsedSection, type ParsedItem, type UnplacedLine } from './structure.js';
export { findPlaceholders, PlaceholderCollector, type PlaceholderToken, type PlaceholderKind, type PlaceholderVariable, type PlaceholderOccurrence } from './placeholders.js';
export { buildTemplate, kindOf, usesLeads, type BuiltTemplate } from './template.js';
