/**
 * Test helper: packs a `docx` Document, unzips it with jszip and parses its XML parts with a
 * strict XML parser (any well-formedness error throws), so tests assert on real OOXML.
 */
import { DOMParser } from '@xmldom/xmldom';
import { Packer, type Document as DocxDocument } from 'docx';
import JSZip from 'jszip';

/** The parsed parts of a DOCX that the tests look at, plus their raw XML. */
export interface DocxParts {
  document: Document;
  styles: Document;
  settings: Document;
  /** Footer parts by their relationship type in the section: `default` (odd pages) and `even`. */
  footers: Record<string, Document>;
  raw: Record<string, string>;
  numbering: string | undefined;
}

/** Parses XML strictly: a warning or error of the parser throws. */
export function parseXmlStrict(xml: string, name: string): Document {
  const fail = (msg: string): never => {
    throw new Error(`${name}: ${msg}`);
  };
  return new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml') as unknown as Document;
}

/** Unzips DOCX bytes and parses the parts. */
export async function docxParts(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const raw: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) raw[name] = await zip.file(name)!.async('string');
  }
  const parse = (name: string): Document => {
    const xml = raw[name];
    if (xml === undefined) throw new Error(`missing part ${name}`);
    return parseXmlStrict(xml, name);
  };
  // Check every part is well-formed XML, not only the ones the tests read.
  for (const [name, xml] of Object.entries(raw)) parseXmlStrict(xml, name);
  const document = parse('word/document.xml');
  const rels = parse('word/_rels/document.xml.rels');
  const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
  const footers: Record<string, Document> = {};
  for (const ref of Array.from(document.getElementsByTagName('w:footerReference'))) {
    const target = targets.get(ref.getAttribute('r:id'));
    if (target) footers[ref.getAttribute('w:type') ?? '?'] = parse(`word/${target}`);
  }
  return { document, styles: parse('word/styles.xml'), settings: parse('word/settings.xml'), footers, raw, numbering: raw['word/numbering.xml'] };
}

/** Packs a `docx` Document and parses its parts. */
export async function packParts(doc: DocxDocument): Promise<DocxParts> {
  return docxParts(await Packer.pack(doc, 'uint8array'));
}

/** The first descendant `tag` of `el`, or a thrown error naming it. */
export function first(el: Document | Element, tag: string): Element {
  const found = el.getElementsByTagName(tag)[0];
  if (!found) throw new Error(`no <${tag}>`);
  return found;
}

/** All descendants `tag` of `el`. */
export function all(el: Document | Element, tag: string): Element[] {
  return Array.from(el.getElementsByTagName(tag));
}

/** Attributes of an element as a plain object (`{ 'w:val': '32' }`). */
export function attrs(el: Element): Record<string, string> {
  return Object.fromEntries(Array.from(el.attributes).map((a) => [a.name, a.value]));
}

/** The style element with `w:styleId`. */
export function style(styles: Document, id: string): Element {
  const s = all(styles, 'w:style').find((e) => e.getAttribute('w:styleId') === id);
  if (!s) throw new Error(`no style ${id}`);
  return s;
}

/** The text a reader sees in a paragraph: w:t contents, `\n` for w:br, `\t` for w:tab. */
export function paragraphText(p: Element): string {
  let out = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.tagName === 'w:t') out += el.textContent ?? '';
      else if (el.tagName === 'w:br') out += '\n';
      else if (el.tagName === 'w:tab' && el.parentNode && (el.parentNode as Element).tagName === 'w:r') out += '\t';
      else Array.from(el.childNodes).forEach(walk);
    }
  };
  walk(p);
  return out;
}
