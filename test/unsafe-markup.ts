import { Parser } from 'htmlparser2';
import { isMediaSrc, richTextAttributes, richTextTags } from '../src/features/articles/rich-text.ts';

/*
 * Test support: a structural check of HTML that claims to be safe, with a parser of its own
 * (htmlparser2 12, not the copy sanitize-html parses with). Lists every element and attribute that
 * could execute or load something, instead of pattern-matching the markup.
 */

const allowedTags = new Set<string>(richTextTags);

function allowedUrl(name: string, value: string): boolean {
  const v = value.trim();
  if (name === 'src') return isMediaSrc(v);
  if (/^https?:\/\/[^\s/\\]/i.test(v)) return true;
  if (/^mailto:/i.test(v)) return true;
  return /^\/(?![/\\])/.test(v) || v.startsWith('#');
}

/** The problems found in HTML that should contain only the rich-text allow-list (empty when safe). */
export function findUnsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (!allowedTags.has(name)) problems.push(`element <${name}>`);
        const allowedAttrs = richTextAttributes[name] ?? [];
        for (const [attr, value] of Object.entries(attribs)) {
          if (attr.startsWith('on')) problems.push(`event handler ${attr} on <${name}>`);
          if (attr === 'style') problems.push(`style on <${name}>`);
          if (!allowedAttrs.includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
          if ((attr === 'href' || attr === 'src') && !allowedUrl(attr, value))
            problems.push(`${attr}="${value}" on <${name}>`);
          if (/^\s*(javascript|vbscript|data|livescript):/i.test(value))
            problems.push(`script URL in ${attr} on <${name}>`);
        }
      },
      oncomment() {
        problems.push('comment');
      },
      onprocessinginstruction(name) {
        problems.push(`processing instruction ${name}`);
      },
      oncdatastart() {
        problems.push('CDATA');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return problems;
}
