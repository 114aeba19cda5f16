import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { negotiateLocale, translate } from './i18n.ts';
import { zhCN } from './zh-CN.ts';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe('i18n catalogue', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const e = leaves(en);
    const z = leaves(zhCN);
    expect([...z.keys()].sort()).toEqual([...e.keys()].sort());
    for (const [key, text] of e) {
      const zh = z.get(key)!;
      expect(text.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
      const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(ph(zh), key).toEqual(ph(text));
    }
  });

  it('picks the plural form for a count and groups its digits', () => {
    expect(translate('en', 'portal.searchResults', { q: 'visit', count: 1 })).toBe('1 result for “visit”');
    expect(translate('en', 'portal.searchResults', { q: 'visit', count: 2 })).toBe('2 results for “visit”');
    expect(translate('en', 'portal.searchResults', { q: 'visit', count: 1234 })).toBe(
      '1,234 results for “visit”',
    );
    expect(translate('zh-CN', 'portal.searchResults', { q: '合作', count: 1 })).toBe(
      '“合作”的搜索结果：共 1 条',
    );
  });

  it('translates with placeholders and negotiates the language', () => {
    expect(translate('en', 'validation.too_short', { min: 3 })).toBe('Must be at least 3 characters.');
    expect(translate('zh-CN', 'site.home')).toBe('首页');
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale(undefined)).toBe('zh-CN');
  });
});
