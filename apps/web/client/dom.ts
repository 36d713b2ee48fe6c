/**
 * DOM helpers of the page script. Every text from the user or the server is inserted as text
 * (`textContent`, text nodes), never as HTML.
 */
import type { HNode } from '@qingdan/render-html';

/** The element with this id. @throws {Error} when the page lacks it (a bug in index.html) */
export const $ = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`页面缺少元素 #${id}`);
  return e as T;
};

/** A new element with a class, text, attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/**
 * Text with the stand-ins of unfilled answers (【单位名称】) marked, so that they stand out on the
 * page as gaps to fill: each becomes a `<span class="qd-gap">`.
 */
function textWithGaps(text: string, gaps: ReadonlySet<string>): Node {
  if (gaps.size === 0 || !text.includes('【')) return document.createTextNode(text);
  const frag = document.createDocumentFragment();
  let rest = text;
  for (;;) {
    const m = /【[^【】]{1,40}】/u.exec(rest);
    if (!m) break;
    if (m.index > 0) frag.append(rest.slice(0, m.index));
    frag.append(gaps.has(m[0]) ? el('span', { className: 'qd-gap', text: m[0] }) : document.createTextNode(m[0]));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== '') frag.append(rest);
  return frag;
}

/** An element tree of `@qingdan/render-html` as DOM nodes; strings become text nodes (gaps marked). */
export function toDom(node: HNode | string, gaps: ReadonlySet<string> = new Set()): Node {
  if (typeof node === 'string') return textWithGaps(node, gaps);
  return el(node.tag, { className: node.className, ...(node.attrs ? { attrs: node.attrs } : {}) }, node.children.map((c) => toDom(c, gaps)));
}

/** Saves bytes under a file name through the browser's download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Starts a download of a URL of this server (streamed to disk by the browser, not held in the page). */
export function downloadUrl(url: string): void {
  const a = el('a', { attrs: { href: url, download: '' } });
  document.body.append(a);
  a.click();
  a.remove();
}
