// pg_trgm builds trigrams from letters and digits of the database locale; under C.UTF-8 (PGlite and
// the usual PostgreSQL images) Chinese characters yield none, so Chinese names are compared here by
// character bigrams instead.

const punctuation = /[\s()（）［］【】[\]{}·•,，.。、:：;；'"‘’“”\-—_/\\&＆]+/g;
const suffixes = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司'];

/** A Chinese name without spaces, punctuation and a trailing company-form suffix. */
export function normalizeChineseName(name: string): string {
  let core = name.replace(punctuation, '').toLowerCase();
  for (const suffix of suffixes) {
    if (core.endsWith(suffix) && core.length > suffix.length + 1) {
      core = core.slice(0, -suffix.length);
      break;
    }
  }
  return core;
}

/** The distinct two-character pieces of a normalized name (the name itself when shorter). */
export function nameBigrams(name: string): string[] {
  const chars = [...normalizeChineseName(name)];
  if (chars.length < 2) return chars.length ? [chars.join('')] : [];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

function dice(a: string, b: string): number {
  const left = nameBigrams(a);
  const right = new Set(nameBigrams(b));
  if (left.length === 0 || right.size === 0) return 0;
  const shared = left.filter((g) => right.has(g)).length;
  return (2 * shared) / (left.length + right.size);
}

/** Provinces and large cities, which begin many names without telling them apart. */
const places = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '中国',
];
/** An administrative area or zone: a province, city, district, county or industrial zone. */
const placeName = /^.{0,10}(省|市|区|县|镇|乡|州|盟|旗|园|开发区|新区|园区|工业区|自贸区)$/u;

function isPlace(prefix: string): boolean {
  return places.includes(prefix) || placeName.test(prefix);
}

/**
 * Dice similarity (0–1) of two Chinese names' bigrams. A shared place at the start of both (上海,
 * 上海市, 上海化学工业区) does not make them alike: then only what follows it is compared, so
 * 上海化学工业区物流有限公司 and 上海化学工业区管理委员会 are not "similar".
 */
export function compareChineseNames(a: string, b: string): number {
  const left = [...normalizeChineseName(a)];
  const right = [...normalizeChineseName(b)];
  let common = 0;
  while (common < left.length && common < right.length && left[common] === right[common]) common++;
  // The longest place the shared start begins with.
  for (let end = common; end >= 2; end--) {
    const prefix = left.slice(0, end).join('');
    if (!isPlace(prefix)) continue;
    const restA = left.slice(end).join('');
    const restB = right.slice(end).join('');
    if (restA.length === 0 || restB.length === 0) break;
    return dice(restA, restB);
  }
  return dice(a, b);
}

const englishForms = new Set([
  'co',
  'ltd',
  'limited',
  'inc',
  'corp',
  'corporation',
  'company',
  'group',
  'gmbh',
  'ag',
  'plc',
  'llc',
]);
const englishPlaces = new Set([
  'shanghai',
  'beijing',
  'tianjin',
  'chongqing',
  'china',
  'jiangsu',
  'zhejiang',
  'guangdong',
  'fujian',
  'fuzhou',
]);
const englishZones = new Set([
  'park',
  'zone',
  'district',
  'city',
  'province',
  'county',
  'area',
  'municipality',
]);

function englishWords(name: string): string[] {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (words.length > 1 && englishForms.has(words[words.length - 1]!)) words.pop();
  return words;
}

/** Trigram similarity as pg_trgm counts it: each word padded, shared over all distinct trigrams. */
function trigramSimilarity(a: readonly string[], b: readonly string[]): number {
  const grams = (words: readonly string[]) => {
    const out = new Set<string>();
    for (const w of words) {
      const padded = `  ${w} `;
      for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    }
    return out;
  };
  const left = grams(a);
  const right = grams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const g of left) if (right.has(g)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * Similarity (0–1) of two English names, without company forms (Co., Ltd.): as for Chinese names,
 * a shared place at the start (Shanghai, Shanghai Chemical Industry Park) does not count.
 */
export function compareEnglishNames(a: string, b: string): number {
  const left = englishWords(a);
  const right = englishWords(b);
  if (left.length === 0 || right.length === 0) return 0;
  let common = 0;
  while (common < left.length && common < right.length && left[common] === right[common]) common++;
  for (let end = common; end >= 1; end--) {
    const prefix = left.slice(0, end);
    const place =
      prefix.every((w) => englishPlaces.has(w)) || (englishZones.has(prefix[end - 1]!) && end <= 6);
    if (!place) continue;
    if (end === left.length || end === right.length) break;
    return trigramSimilarity(left.slice(end), right.slice(end));
  }
  return trigramSimilarity(left, right);
}
