import { type Locale, translate } from '../../i18n/i18n.ts';
import { sheetsToXlsx } from '../../platform/table-export.ts';
import type { SheetImportDetail, SheetImportKind, SheetReportRowOutput } from './sheet-import.schema.ts';
import { sheetKinds } from './sheet-kinds.ts';

/**
 * The template of one kind of import in one language: the header row (required columns starred),
 * an example row, a drop-down list for every column with fixed choices, and a sheet explaining each
 * column.
 */
export async function sheetTemplate(kind: SheetImportKind, locale: Locale): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const zh = locale === 'zh-CN';
  const fields = sheetKinds[kind].fields;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, `sheetImport.kinds.${kind}` as never), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = fields.map((f) => ({
    header: `${zh ? f.headers.zh : f.headers.en}${f.required ? '*' : ''}`,
    key: f.key,
    width: Math.max(14, (zh ? f.headers.zh.length * 2 : f.headers.en.length) + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(fields.map((f) => [f.key, zh ? f.example.zh : f.example.en])));
  fields.forEach((f, i) => {
    if (!f.choices) return;
    const list = f.choices.map((c) => (zh ? c.zh : c.en)).join(',');
    for (let row = 2; row <= 1001; row++) {
      sheet.getCell(row, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !f.required,
        formulae: [`"${list}"`],
        showErrorMessage: true,
        errorTitle: translate(locale, 'sheetImport.choiceTitle'),
        error: translate(locale, 'sheetImport.choiceError'),
      };
    }
  });
  const help = workbook.addWorksheet(translate(locale, 'sheetImport.helpSheet'));
  help.columns = [
    { header: translate(locale, 'sheetImport.helpColumn'), key: 'column', width: 24 },
    { header: translate(locale, 'sheetImport.helpRequired'), key: 'required', width: 10 },
    { header: translate(locale, 'sheetImport.helpMeaning'), key: 'meaning', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const f of fields) {
    help.addRow({
      column: zh ? f.headers.zh : f.headers.en,
      required: f.required ? translate(locale, 'sheetImport.yes') : '',
      meaning: zh ? f.help.zh : f.help.en,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One problem of a row in words, naming the column. */
export function describeError(locale: Locale, e: SheetReportRowOutput['errors'][number]): string {
  return translate(locale, `sheetImport.codes.${e.code}` as never, {
    column: e.column,
    value: e.value ?? '',
  });
}

export function describeWarning(locale: Locale, w: SheetReportRowOutput['warnings'][number]): string {
  return translate(locale, `sheetImport.warnings.${w.code}` as never, { name: w.detail ?? '' });
}

/** What a row will do (or did) in words. */
export function describeAction(locale: Locale, r: SheetReportRowOutput): string {
  return translate(locale, `sheetImport.actions.${r.action}` as never, { name: r.matchName ?? '' });
}

/** The dry-run (or commit) report as an .xlsx, every row with what it does and why. */
export async function sheetReportXlsx(
  detail: SheetImportDetail,
  report: SheetReportRowOutput[],
  locale: Locale,
): Promise<Buffer> {
  const t = (key: string) => translate(locale, key as never);
  return sheetsToXlsx([
    {
      name: t('sheetImport.reportSheet'),
      title: `${t('sheetImport.reportTitle')} · ${t(`sheetImport.kinds.${detail.kind}`)} · ${detail.sourceName}`,
      filters: [],
      columns: [
        { key: 'row', header: t('sheetImport.row'), type: 'number', width: 8 },
        { key: 'name', header: t('sheetImport.name'), type: 'text', width: 36 },
        { key: 'action', header: t('sheetImport.action'), type: 'text', width: 28 },
        { key: 'why', header: t('sheetImport.why'), type: 'text', width: 80 },
      ],
      rows: report.map((r) => ({
        row: r.row,
        name: r.name,
        action: describeAction(locale, r),
        why: [
          ...r.errors.map((e) => describeError(locale, e)),
          ...r.warnings.map((w) => describeWarning(locale, w)),
        ].join('；'),
      })),
    },
  ]);
}
