import { describe, expect, it } from 'vitest';
import { findUnsafeMarkup } from '../../../test/unsafe-markup.ts';
import { richTextToPlainText, safeHref, sanitizeEditorJson, sanitizeRichText } from './rich-text.ts';
import { xssVectors } from './xss-vectors.ts';

const media = '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/800.webp';

describe('rich-text sanitizing', () => {
  it('has a corpus of at least 100 distinct vectors', () => {
    expect(xssVectors.length).toBeGreaterThanOrEqual(100);
    expect(new Set(xssVectors.map((v) => v.html)).size).toBe(xssVectors.length);
    expect(new Set(xssVectors.map((v) => v.name)).size).toBe(xssVectors.length);
  });

  it.each(xssVectors.map((v) => [v.name, v.html] as const))('neutralises %s', (_name, html) => {
    const clean = sanitizeRichText(html);
    expect(findUnsafeMarkup(clean), clean).toEqual([]);
    // Sanitizing is stable: what was kept parses back to the same thing (no mutation on re-parse).
    expect(sanitizeRichText(clean)).toBe(clean);
    expect(clean.toLowerCase()).not.toMatch(
      /<script|<svg|<math|<iframe|<object|<embed|<style|<form|<base|<meta/,
    );
  });

  it('neutralises the whole corpus pasted as one document', () => {
    const clean = sanitizeRichText(xssVectors.map((v) => v.html).join('\n'));
    expect(findUnsafeMarkup(clean)).toEqual([]);
  });

  it('keeps what the editor produces', () => {
    const editor = [
      '<h2>标题</h2><h3>Sub</h3><h4>Minor</h4>',
      '<p>Text with <strong>bold</strong>, <em>italic</em>, <s>strike</s>, <u>under</u>, <code>code</code><br>next line</p>',
      '<ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol><blockquote><p>quote</p></blockquote>',
      '<pre><code>const a = 1 &lt; 2;</code></pre><hr>',
      `<figure><img src="${media}" alt="Visitors" width="800" height="600" title="t"><figcaption>Caption</figcaption></figure>`,
      '<table><thead><tr><th colspan="2" rowspan="1"><p>H</p></th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
      '<p><a href="https://www.example.com/page?a=1&amp;b=2" title="Example">external</a> <a href="/zh/news/x">internal</a> <a href="mailto:office@example.cn">mail</a> <a href="#top">top</a></p>',
    ].join('');
    const clean = sanitizeRichText(editor);
    expect(findUnsafeMarkup(clean)).toEqual([]);
    for (const fragment of [
      '<h2>标题</h2>',
      '<strong>bold</strong>',
      '<s>strike</s>',
      '<u>under</u>',
      '<blockquote><p>quote</p></blockquote>',
      `<img src="${media}" alt="Visitors" width="800" height="600" title="t" />`,
      '<figcaption>Caption</figcaption>',
      '<th colspan="2" rowspan="1">',
      '<a href="https://www.example.com/page?a=1&amp;b=2" rel="noopener noreferrer" title="Example">external</a>',
      '<a href="/zh/news/x">internal</a>',
      '<a href="mailto:office@example.cn">mail</a>',
      '<code>const a = 1 &lt; 2;</code>',
    ]) {
      expect(clean).toContain(fragment);
    }
  });

  it('maps what other editors paste to the allow-list and drops styling', () => {
    const clean = sanitizeRichText(
      '<h1 class="x">Big</h1><b style="color:red">b</b><i>i</i><del>d</del><div><span style="x">text</span></div><font color="red">f</font>',
    );
    expect(clean).toBe('<h2>Big</h2><strong>b</strong><em>i</em><s>d</s>textf');
  });

  it('accepts only this site media as image sources', () => {
    expect(sanitizeRichText(`<img src="${media}">`)).toContain('<img');
    expect(
      sanitizeRichText('<img src="/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/original.jpg">'),
    ).toContain('<img');
    for (const src of [
      'https://cdn.example.com/a.webp',
      '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/800.png',
      '/media/not-a-uuid/800.webp',
      '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/original.svg',
      `${media}#x`,
    ]) {
      expect(sanitizeRichText(`<p>a<img src="${src}">b</p>`)).toBe('<p>ab</p>');
    }
  });

  it('refuses script, data and obfuscated link targets and keeps the link text', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      '//evil.example',
      '/\\evil.example',
      'ftp://example.com',
      'relative/path',
    ]) {
      expect(safeHref(href), href).toBeNull();
    }
    expect(sanitizeRichText('<a href="jav&#x09;ascript:alert(1)">text</a>')).toBe('<a>text</a>');
  });

  it('turns sanitized HTML into plain text with one line per block', () => {
    const clean = sanitizeRichText(
      '<h2>Title &amp; more</h2><p>First   line<br>second</p><ul><li>a</li><li>b &lt;c&gt;</li></ul><table><tr><td>x</td><td>y</td></tr></table>',
    );
    expect(richTextToPlainText(clean)).toBe('Title & more\nFirst line\nsecond\na\nb <c>\nx y');
  });

  it('cleans the editor document by the same rules', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { onclick: 'alert(1)', style: 'color:red', textAlign: 'left' },
          content: [
            { type: 'text', text: 'bad', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            {
              type: 'text',
              text: 'good',
              marks: [{ type: 'link', attrs: { href: 'https://example.com' } }, { type: 'bold' }],
            },
          ],
        },
        { type: 'image', attrs: { src: 'https://evil.example/x.png' } },
        { type: 'image', attrs: { src: media, alt: 'ok' } },
      ],
    };
    expect(sanitizeEditorJson(doc)).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { textAlign: 'left' },
          content: [
            { type: 'text', text: 'bad', marks: [] },
            {
              type: 'text',
              text: 'good',
              marks: [{ type: 'link', attrs: { href: 'https://example.com' } }, { type: 'bold' }],
            },
          ],
        },
        { type: 'image', attrs: { src: media, alt: 'ok' } },
      ],
    });
  });
});
