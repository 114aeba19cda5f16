import sanitizeHtml from 'sanitize-html';

/*
 * Every stored article body passes through `sanitizeRichText`: an allow-list of what the editor
 * (TipTap StarterKit + Link + Image + Table) produces, nothing else. Links go only to http(s),
 * mailto or this site; images come only from this site's media store. The public site renders the
 * stored HTML as is, so this is the one line between an editor's paste and a reader's browser.
 */

/** The elements an article body may contain. */
export const richTextTags = [
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'strong',
  'em',
  's',
  'u',
  'code',
  'pre',
  'br',
  'hr',
  'a',
  'figure',
  'figcaption',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
] as const;

/** The attributes each element may carry (all others are dropped). */
export const richTextAttributes: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'width', 'height', 'title'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const mediaSrcPattern = new RegExp(`^/media/${uuid}/(?:[0-9]{1,5}\\.webp|original\\.(?:webp|jpg))$`);

/** Tells whether a URL is one of this site's served media derivatives (`/media/<uuid>/<n>.webp`, `/media/<uuid>/original.webp|jpg`). */
export function isMediaSrc(src: string): boolean {
  return mediaSrcPattern.test(src);
}

// Control characters and the characters browsers strip or reinterpret inside URLs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const unsafeUrlChars = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/**
 * The link target to keep, or null to drop it: `http(s)://host...`, `mailto:...`, or a path on this
 * site (`/...` but not `//...`) or a fragment (`#...`). Everything else (javascript:, data:, vbscript:,
 * protocol-relative, obfuscated with entities or whitespace) is refused.
 */
export function safeHref(raw: string | undefined): { href: string; external: boolean } | null {
  if (raw === undefined) return null;
  const href = raw.trim();
  if (!href || href.length > 2048 || unsafeUrlChars.test(href)) return null;
  if (/^https?:\/\//i.test(href)) {
    try {
      const url = new URL(href);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    } catch {
      return null;
    }
    return { href, external: true };
  }
  if (/^mailto:[^\s:/]+@[^\s]+$/i.test(href)) return { href, external: false };
  if (/^\/(?!\/)/.test(href) || href.startsWith('#')) return { href, external: false };
  return null;
}

function dimension(value: string | undefined, max: number): string | undefined {
  if (value === undefined || !/^[0-9]{1,5}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= max ? String(n) : undefined;
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...richTextTags],
  allowedAttributes: Object.fromEntries(Object.entries(richTextAttributes).map(([k, v]) => [k, [...v]])),
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  allowedClasses: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  // Elements whose content is code, styles or markup of another kind: dropped with everything inside.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'xmp',
    'noscript',
    'noembed',
    'noframes',
    'iframe',
    'template',
    'title',
    'svg',
    'math',
    'object',
    'embed',
    'applet',
    'select',
    'plaintext',
    'head',
  ],
  parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    a: (_tag, attribs) => {
      const link = safeHref(attribs.href);
      const out: sanitizeHtml.Attributes = {};
      if (link) {
        out.href = link.href;
        if (link.external) out.rel = 'noopener noreferrer';
      }
      if (attribs.title) out.title = attribs.title;
      return { tagName: 'a', attribs: out };
    },
    img: (_tag, attribs) => {
      const src = attribs.src?.trim();
      // Without a source, `exclusiveFilter` drops the image.
      if (!src || !isMediaSrc(src)) return { tagName: 'img', attribs: {} };
      const out: sanitizeHtml.Attributes = { src, alt: attribs.alt ?? '' };
      const width = dimension(attribs.width, 10_000);
      const height = dimension(attribs.height, 10_000);
      if (width) out.width = width;
      if (height) out.height = height;
      if (attribs.title) out.title = attribs.title;
      return { tagName: 'img', attribs: out };
    },
    th: (_tag, attribs) => ({ tagName: 'th', attribs: spans(attribs) }),
    td: (_tag, attribs) => ({ tagName: 'td', attribs: spans(attribs) }),
  },
};

function spans(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  const colspan = dimension(attribs.colspan, 1000);
  const rowspan = dimension(attribs.rowspan, 1000);
  if (colspan) out.colspan = colspan;
  if (rowspan) out.rowspan = rowspan;
  return out;
}

/** Reduces rich text to the allow-list: the only form of an article body that is ever stored. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, sanitizeOptions).trim();
}

const blockTags = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'li',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'table',
  'tr',
  'hr',
  'ul',
  'ol',
]);
const cellTags = new Set(['th', 'td']);

function decodeEscapes(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/**
 * The plain text of sanitized HTML (the output of `sanitizeRichText`): one line per paragraph,
 * heading, list item or table row, whitespace collapsed. For summaries,
 * search, diffs and feeds. Sanitized HTML escapes every `<` and `>` in text and attributes, so
 * its tags can be told apart from its text without a full parser.
 */
export function richTextToPlainText(sanitizedHtml: string): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  for (const token of sanitizedHtml.split(/(<[^>]*>)/)) {
    if (!token) continue;
    if (token.startsWith('<')) {
      const name = /^<\/?([a-z0-9-]+)/i.exec(token)?.[1]?.toLowerCase() ?? '';
      if (blockTags.has(name)) flush();
      else if (name === 'br') flush();
      else if (cellTags.has(name) && !token.startsWith('</')) line += ' ';
      continue;
    }
    line += decodeEscapes(token);
  }
  flush();
  return lines.join('\n');
}

/** Escapes text for HTML element content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as paragraphs of sanitized HTML (one `<p>` per non-empty line). */
export function plainTextToRichText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
}

type EditorNode = {
  type?: unknown;
  attrs?: Record<string, unknown>;
  marks?: EditorNode[];
  content?: EditorNode[];
};

function cleanEditorNode(node: EditorNode, depth: number): EditorNode | null {
  if (depth > 100 || !node || typeof node !== 'object') return null;
  if (node.type === 'image' && !(typeof node.attrs?.src === 'string' && isMediaSrc(node.attrs.src)))
    return null;
  const out: EditorNode = { ...node };
  if (node.attrs) {
    out.attrs = Object.fromEntries(
      Object.entries(node.attrs).filter(([k]) => !/^on/i.test(k) && k !== 'style'),
    );
  }
  if (Array.isArray(node.marks)) {
    out.marks = node.marks
      .filter(
        (m) => m?.type !== 'link' || safeHref(typeof m.attrs?.href === 'string' ? m.attrs.href : undefined),
      )
      .map((m) => cleanEditorNode(m, depth + 1))
      .filter((m): m is EditorNode => m !== null);
  }
  if (Array.isArray(node.content)) {
    out.content = node.content
      .map((c) => cleanEditorNode(c, depth + 1))
      .filter((c): c is EditorNode => c !== null);
  }
  return out;
}

/**
 * The editor's document (TipTap JSON) with the same rules as the HTML: images only from this site's
 * media, links only to safe targets, no event-handler or style attributes. The admin editor reopens
 * this document, so it is cleaned too.
 */
export function sanitizeEditorJson(json: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!json) return null;
  return cleanEditorNode(json as EditorNode, 0) as Record<string, unknown> | null;
}
