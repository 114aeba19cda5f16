import { PassThrough, Readable } from 'node:stream';

/** The media types of the export formats. */
export const exportContentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** One column of an exported table: its header in the reader's language, its kind and width. */
export interface ExportColumn {
  key: string;
  header: string;
  type: 'text' | 'number' | 'date';
  /** Width in characters; a sensible one is chosen from the header when absent. */
  width?: number;
}

/** One sheet: a title and the filters on the first rows, then a header row and the data. */
export interface ExportSheet {
  name: string;
  title: string;
  /** What the table was limited to, as label and value (year, department…). */
  filters: [string, string][];
  columns: ExportColumn[];
  rows: Record<string, string | number | null | undefined>[];
}

/**
 * Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets
 * a leading apostrophe, so opening an export can never run one (CSV only: in .xlsx text cells are
 * stored as text and never evaluated).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: string | number | null | undefined, column: ExportColumn): string {
  if (value === null || value === undefined) return '';
  const text =
    column.type === 'number' && typeof value === 'number' ? String(value) : neutraliseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A sheet as CSV: UTF-8 with a byte-order mark (so Excel shows Chinese), CRLF line ends, the header
 * row first and one line per row; numbers stay numbers, text that looks like a formula is neutralised.
 */
export function sheetToCsv(sheet: ExportSheet): Buffer {
  const lines = [sheet.columns.map((c) => csvField(c.header, { ...c, type: 'text' })).join(',')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c) => csvField(row[c.key], c)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function widthOf(column: ExportColumn): number {
  if (column.width) return column.width;
  // CJK characters take about two columns.
  const header = [...column.header].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(40, Math.max(column.type === 'text' ? 16 : 10, header + 2));
}

/** A value of one exported cell. */
export type ExportCell = string | number | null | undefined;

/** A list to export: its sheet (without rows) and its rows as they are read, page by page. */
export interface StreamedSheet extends Omit<ExportSheet, 'rows'> {
  rows: AsyncIterable<Record<string, ExportCell>>;
}

/** Reads every page of a paged list in turn (the list's own filters and sort), yielding its items. */
export async function* walkPages<T>(
  readPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  pageSize = 200,
): AsyncIterable<T> {
  for (let page = 1; ; page++) {
    const { items } = await readPage(page, pageSize);
    yield* items;
    if (items.length < pageSize) return;
  }
}

function xlsxCell(value: ExportCell, column: ExportColumn): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (column.type === 'number') return typeof value === 'number' ? value : Number(value);
  if (column.type === 'date') return new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
  return String(value);
}

/**
 * A list as a stream of .xlsx or CSV bytes, written while its pages are read: a large list never
 * sits in memory whole. The .xlsx has the title and filters on top and a frozen header row.
 */
export function streamSheet(sheet: StreamedSheet, format: 'xlsx' | 'csv'): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const write = async () => {
    if (format === 'csv') {
      const line = (cells: string[]) =>
        new Promise<void>((resolve) => {
          if (out.write(`${cells.join(',')}\r\n`)) resolve();
          else out.once('drain', resolve);
        });
      out.write('\uFEFF');
      await line(sheet.columns.map((c) => csvField(c.header, { ...c, type: 'text' })));
      for await (const row of sheet.rows) await line(sheet.columns.map((c) => csvField(row[c.key], c)));
      out.end();
      return;
    }
    const workbook = await openWorkbook(out);
    await addWorksheet(workbook, sheet);
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

type WorkbookWriter = InstanceType<typeof import('exceljs')['stream']['xlsx']['WorkbookWriter']>;

async function openWorkbook(out: PassThrough): Promise<WorkbookWriter> {
  // Loaded on the first export only: the library is large and most processes never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
}

/** Writes one sheet: a bold title and the filters, a blank row, a frozen bold header, then the rows. */
async function addWorksheet(workbook: WorkbookWriter, sheet: StreamedSheet): Promise<void> {
  const headerRow = sheet.filters.length + 3;
  const ws = workbook.addWorksheet(sheet.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: widthOf(c) }));
  const title = ws.addRow([sheet.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const [label, value] of sheet.filters) ws.addRow([label, value]).commit();
  ws.addRow([]).commit();
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const row of sheet.rows) {
    const added = ws.addRow(sheet.columns.map((c) => xlsxCell(row[c.key], c)));
    sheet.columns.forEach((c, i) => {
      if (c.type === 'date') added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
    added.commit();
  }
  ws.commit();
}

async function* listed<T>(rows: readonly T[]): AsyncIterable<T> {
  yield* rows;
}

/**
 * Sheets as an .xlsx workbook written by exceljs's streaming writer: a bold title and the filters on
 * the first rows, a frozen bold header row, real numbers and dates, sensible column widths.
 */
export async function sheetsToXlsx(sheets: ExportSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = await openWorkbook(out);
  for (const sheet of sheets) await addWorksheet(workbook, { ...sheet, rows: listed(sheet.rows) });
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
