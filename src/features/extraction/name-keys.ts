/**
 * Keys that let a Chinese name and its pinyin spelling meet: 林国栋, "Lin Guodong", "LIN Guo-dong"
 * and "Guodong Lin" share a key. The pinyin table loads on first use, not with the server.
 */

const han = /^[\u3400-\u9fff]{2,4}$/;
const latin = /^[A-Za-z][A-Za-z\s.'’-]*$/;

export function isHanName(name: string): boolean {
  return han.test(name.trim());
}

export function isLatinName(name: string): boolean {
  return latin.test(name.trim());
}

/** The key of a name written in Latin letters: lower case, letters only, ü and v read as u. */
export function latinKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/v/g, 'u')
    .replace(/[^a-z]/g, '');
}

let pinyinOf: ((text: string) => string[]) | null = null;

async function loadPinyin(): Promise<(text: string) => string[]> {
  if (!pinyinOf) {
    const { pinyin } = await import('pinyin-pro');
    pinyinOf = (text) =>
      pinyin(text, { toneType: 'none', surname: 'head', type: 'array' }).map((s) => s.replace(/ü/g, 'u'));
  }
  return pinyinOf;
}

/**
 * The Latin keys a Chinese name may be written as: surname first ("linguodong") and given name
 * first ("guodonglin"), reading the surname as a surname (单 is Shan, 曾 is Zeng).
 */
export async function hanKeys(name: string): Promise<string[]> {
  if (!isHanName(name)) return [];
  const syllables = (await loadPinyin())(name.trim());
  // Two-character surnames (欧阳, 司马) are read as one by the table; either split is tried.
  const keys = new Set<string>();
  for (const cut of [1, 2]) {
    if (cut >= syllables.length) continue;
    const surname = syllables.slice(0, cut).join('');
    const given = syllables.slice(cut).join('');
    keys.add(latinKey(surname + given));
    keys.add(latinKey(given + surname));
  }
  return [...keys];
}
