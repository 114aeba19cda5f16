import { Unzip, UnzipInflate } from 'fflate';

/**
 * A small reader of the first worksheet of an .xlsx: the parts it needs are inflated with a cap on
 * what each really unpacks to (a zip bomb stops at the cap whatever its headers claim), decoded as
 * whole UTF-8 texts (streaming readers that decode chunk by chunk can split a Chinese character), and
 * the sheet's rows are read one at a time from its XML.
 */

export class XlsxTooLarge extends Error {}

/** The named parts of a zip, inflated, each stopped at `cap` bytes. */
function inflateParts(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  cap: number,
): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (err) throw err;
      size += data.byteLength;
      if (size > cap) throw new XlsxTooLarge(`${file.name} unpacks to more than ${cap} bytes`);
      chunks.push(data);
      if (final) {
        const all = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          all.set(c, at);
          at += c.byteLength;
        }
        parts.set(file.name, all);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(bytes, true);
  return parts;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return entities[e.toLowerCase()] ?? '';
  });
}

/** The text of every `<t>` inside a fragment (a shared string or an inline string, rich or plain). */
function textOf(fragment: string): string {
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  for (let m = re.exec(fragment); m; m = re.exec(fragment)) out += unescapeXml(m[1] ?? '');
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export type XlsxCell = string | number | boolean | null | { formula: string };

/** The path of the workbook's first sheet, through the workbook's relationships. */
function firstSheetPath(parts: Map<string, Uint8Array>): string {
  const decode = (name: string) => new TextDecoder().decode(parts.get(name) ?? new Uint8Array());
  const workbook = decode('xl/workbook.xml');
  const rels = decode('xl/_rels/workbook.xml.rels');
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const target = rid
    ? (new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${rid}"`).exec(rels)?.[1])
    : undefined;
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * The rows of the first worksheet, each with its number and its cells (formulas as `{ formula }`,
 * never evaluated). `cap` bounds what any part may unpack to.
 */
export function* readXlsxRows(bytes: Uint8Array, cap: number): Generator<{ row: number; cells: XlsxCell[] }> {
  const meta = inflateParts(
    bytes,
    (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml',
    cap,
  );
  const sheetPath = firstSheetPath(meta);
  const sheetBytes = inflateParts(bytes, (n) => n === sheetPath, cap).get(sheetPath);
  if (!sheetBytes) return;
  const shared: string[] = [];
  const sst = meta.get('xl/sharedStrings.xml');
  if (sst) {
    const xml = new TextDecoder().decode(sst);
    const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
    for (let m = re.exec(xml); m; m = re.exec(xml)) shared.push(textOf(m[1] ?? ''));
  }
  const xml = new TextDecoder().decode(sheetBytes);
  let at = xml.indexOf('<sheetData');
  let rowNumber = 0;
  while (at >= 0) {
    const start = xml.indexOf('<row', at);
    if (start < 0) return;
    const openEnd = xml.indexOf('>', start);
    if (openEnd < 0) return;
    const selfClosing = xml[openEnd - 1] === '/';
    const end = selfClosing ? openEnd : xml.indexOf('</row>', openEnd);
    if (end < 0) return;
    const r = /\br="(\d+)"/.exec(xml.slice(start, openEnd));
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    const body = selfClosing ? '' : xml.slice(openEnd + 1, end);
    const cells: XlsxCell[] = [];
    let next = 0;
    const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    for (let m = cellRe.exec(body); m; m = cellRe.exec(body)) {
      const attrs = m[1] ?? '';
      const inner = m[2] ?? '';
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
      const index = ref ? columnIndex(ref) : next;
      next = index + 1;
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
      const formula = /<f\b[^>]*>([\s\S]*?)<\/f>|<f\b[^>]*\/>/.exec(inner);
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value: XlsxCell = null;
      if (formula) value = { formula: unescapeXml(formula[1] ?? '') || '(shared formula)' };
      else if (type === 's') value = v !== undefined ? (shared[Number(v)] ?? '') : null;
      else if (type === 'inlineStr') value = textOf(inner);
      else if (type === 'str') value = v !== undefined ? unescapeXml(v) : null;
      else if (type === 'b') value = v === '1';
      else if (type === 'e') value = null;
      else if (v !== undefined) value = Number(v);
      cells[index] = value;
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    yield { row: rowNumber, cells };
    at = end + 1;
  }
}
