import { open, readFile, stat } from 'node:fs/promises';
import { unzipSync } from 'fflate';

/** One cell as read: text, a number, or a formula the importer refuses to evaluate. */
export type SheetCell = string | number | boolean | null | { formula: string };

export interface SheetRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  cells: SheetCell[];
}

/** Why a file cannot be read as a table at all. */
export type SheetRefusal =
  | 'not_a_sheet'
  | 'too_large'
  | 'unpacks_too_large'
  | 'macros'
  | 'external_links'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'no_header'
  | 'unreadable';

export class SheetError extends Error {
  constructor(
    readonly reason: SheetRefusal,
    message: string,
  ) {
    super(message);
  }
}

export const sheetLimits = {
  /** The uploaded file. */
  bytes: 20 * 1024 * 1024,
  /** What an .xlsx may declare it unpacks to, and how many times its own size. */
  unpacked: 200 * 1024 * 1024,
  ratio: 100,
  rows: 100_000,
  columns: 100,
  /** What one part of an .xlsx (the sheet's XML) may really unpack to. */
  partBytes: 64 * 1024 * 1024,
};

async function head(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Refuses an .xlsx that could hurt: one that unpacks too far, carries macros or links outside itself. */
function inspectXlsx(bytes: Uint8Array): void {
  let declared = 0;
  let hasWorkbook = false;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        const name = file.name.toLowerCase();
        if (name === 'xl/workbook.xml') hasWorkbook = true;
        if (name.endsWith('vbaproject.bin')) throw new SheetError('macros', 'The workbook contains macros');
        if (name.startsWith('xl/externallinks/'))
          throw new SheetError('external_links', 'The workbook links to other files');
        return false;
      },
    });
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError('unreadable', 'The file is not a readable .xlsx workbook');
  }
  if (!hasWorkbook) throw new SheetError('not_a_sheet', 'The .zip is not an Excel workbook');
  if (declared > sheetLimits.unpacked || declared > bytes.byteLength * sheetLimits.ratio) {
    throw new SheetError('unpacks_too_large', 'The workbook unpacks to far more than its size (refused)');
  }
}

/** Text from bytes: a BOM, then strict UTF-8, then GB18030 (which reads GBK and GB2312 too). */
export function decodeText(bytes: Uint8Array): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), charset: 'gbk' };
  }
}

/**
 * Reads the first sheet of an .xlsx (streamed, row by row) or a CSV file (UTF-8 or GBK, comma,
 * semicolon or tab), refusing hostile files, and yields its rows with their numbers.
 */
export async function* readSheetRows(path: string): AsyncGenerator<SheetRow> {
  const { size } = await stat(path);
  if (size > sheetLimits.bytes) throw new SheetError('too_large', 'The file is larger than 20 MB');
  const magic = await head(path, 8);
  if (magic[0] === 0x50 && magic[1] === 0x4b) {
    inspectXlsx(new Uint8Array(await readFile(path)));
    yield* readXlsx(path);
    return;
  }
  if (magic[0] === 0xd0 && magic[1] === 0xcf) {
    throw new SheetError('not_a_sheet', 'Old .xls workbooks are not read: save it as .xlsx or .csv');
  }
  const bytes = new Uint8Array(await readFile(path));
  if (bytes.subarray(0, 4096).includes(0))
    throw new SheetError('not_a_sheet', 'The file is neither .xlsx nor .csv');
  yield* readCsv(decodeText(bytes).text);
}

async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  const { readXlsxRows, XlsxTooLarge } = await import('./xlsx-reader.ts');
  const bytes = new Uint8Array(await readFile(path));
  let count = 0;
  try {
    for (const row of readXlsxRows(bytes, sheetLimits.partBytes)) {
      if (row.cells.length > sheetLimits.columns) {
        throw new SheetError('too_many_columns', `More than ${sheetLimits.columns} columns`);
      }
      if (++count > sheetLimits.rows + 1)
        throw new SheetError('too_many_rows', `More than ${sheetLimits.rows} rows`);
      yield row;
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    if (err instanceof XlsxTooLarge)
      throw new SheetError('unpacks_too_large', 'The workbook unpacks to far more than its size (refused)');
    throw new SheetError('unreadable', 'The workbook could not be read');
  }
}

async function* readCsv(text: string): AsyncGenerator<SheetRow> {
  const { parse } = await import('csv-parse/sync');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0 || text.length);
  const delimiter = [',', ';', '\t'].sort(
    (a, b) => firstLine.split(b).length - firstLine.split(a).length,
  )[0] as string;
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      to: sheetLimits.rows + 2,
    });
  } catch {
    throw new SheetError('unreadable', 'The CSV file could not be read');
  }
  if (records.length > sheetLimits.rows + 1)
    throw new SheetError('too_many_rows', `More than ${sheetLimits.rows} rows`);
  let n = 0;
  for (const record of records) {
    n++;
    if (record.length > sheetLimits.columns)
      throw new SheetError('too_many_columns', `More than ${sheetLimits.columns} columns`);
    // A CSV cell that starts like a formula is text to Concord, but it is reported as a formula.
    yield {
      row: n,
      cells: record.map((c) => (/^[=+\-@]\S/.test(c) && !/^[+-]?\d/.test(c) ? { formula: c } : c)),
    };
  }
}
