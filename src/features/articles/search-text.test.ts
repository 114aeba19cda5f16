import { describe, expect, it } from 'vitest';
import { buildSnippet, searchQuery, segmentText } from './search-text.ts';

const hits = (text: string, q: string) =>
  buildSnippet(text, q)
    .filter((p) => p.hit)
    .map((p) => p.text);

describe('search text', () => {
  it('segments Chinese into words and lowercases English', () => {
    expect(segmentText('上海市消防救援总队来校交流', 'zh-CN').split(' ')).toContain('消防');
    expect(segmentText('Fire Rescue Corps', 'en')).toBe('fire rescue corps');
  });

  it('builds a safe tsquery with the last Latin word as a prefix', () => {
    expect(searchQuery('training cent')).toBe("'training' & 'cent':*");
    expect(searchQuery("o'brien")).toBe("'o' & 'brien':*");
    expect(searchQuery('  ')).toBeNull();
  });

  it('highlights runs of Chinese query words, not their lone characters elsewhere', () => {
    const text = '学校校长在会上说，校企合作是学院的根本，企业也很重视合作。';
    expect(hits(text, '校企合作')).toEqual(['校企合作', '合作']);
    expect(hits('只有一个火字', '火')).toEqual(['火']);
    expect(hits('消防救援总队来访，救援演练', '消防 救援')).toEqual(['消防救援', '救援']);
  });

  it('highlights English words whole, the last one as a prefix, and phrases as one', () => {
    expect(hits('The delegation toured the Cross-enterprise Training Center.', 'training cent')).toEqual([
      'Training Center',
    ]);
    expect(hits('Internship and international work; not painter.', 'intern')).toEqual([
      'Internship',
      'international',
    ]);
  });
});
