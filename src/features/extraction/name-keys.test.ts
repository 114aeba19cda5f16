import { describe, expect, it } from 'vitest';
import { hanKeys, isHanName, isLatinName, latinKey } from './name-keys.ts';

describe('name keys', () => {
  it('lets a Chinese name meet its pinyin spelling in either order', async () => {
    expect(await hanKeys('林国栋')).toContain(latinKey('Lin Guodong'));
    expect(await hanKeys('林国栋')).toContain(latinKey('Guodong Lin'));
    expect(await hanKeys('林国栋')).toContain(latinKey('LIN Guo-dong'));
    expect(await hanKeys('单雄信')).toContain(latinKey('Shan Xiongxin'));
    expect(await hanKeys('吕小青')).toContain(latinKey('Lv Xiaoqing'));
    expect(await hanKeys('林国栋')).not.toContain(latinKey('Lin Guoliang'));
  });

  it('tells Chinese names from Latin ones, and leaves other text alone', async () => {
    expect(isHanName('高炬')).toBe(true);
    expect(isHanName('Gao Ju')).toBe(false);
    expect(isLatinName('Gao Ju')).toBe(true);
    expect(isLatinName('高炬')).toBe(false);
    expect(await hanKeys('上海市消防救援总队')).toEqual([]);
  });
});
