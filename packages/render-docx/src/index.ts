/**
 * `@qingdan/render-docx`: a resolved document + the GB/T 9704-2012 layout profile → DOCX bytes
 * that open as an official document in Word, WPS and LibreOffice.
 */
export { renderDocx, buildDocxDocument, type RenderDocxOptions } from './render.js';
export { docxMetrics, type DocxMetrics, StyleId } from './styles.js';
export { splitText, type DocxWarning, type TextPiece } from './sanitize.js';
