/** Readers of the values people type into spreadsheets, in the forms Chinese offices use. */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** An Excel serial day (1900 system) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80_000) return null;
  const ms = Math.round((serial - 25_569) * 86_400_000);
  const d = new Date(ms);
  return validDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A date as YYYY-MM-DD from 2024-05-11, 2024/5/11, 2024.5.11, 2024年5月11日, 20240511 or an Excel
 * serial number; null when it is none of them.
 */
export function readDate(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return excelSerialToDate(value);
  const text = value.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(text)) return excelSerialToDate(Number(text));
  return null;
}

/** A year or a month (YYYY or YYYY-MM) from 2019, 2019年, 2019.3, 2019年3月, a full date or a serial day. */
export function readYearMonth(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1900 && value <= 2100) return String(value);
    return excelSerialToDate(value)?.slice(0, 7) ?? null;
  }
  const text = value.trim();
  let m = /^(\d{4})\s*年?$/.exec(text);
  if (m) return Number(m[1]) >= 1900 && Number(m[1]) <= 2100 ? m[1]! : null;
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text);
  if (m) return validDay(Number(m[1]), Number(m[2]), 1)?.slice(0, 7) ?? null;
  return readDate(text)?.slice(0, 7) ?? null;
}

/** A number from 1,234.5, １２３, 3.5万 (× 10,000) or 12%; null when it is not one. */
export function readNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  let text = value
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  let factor = 1;
  if (text.endsWith('万')) {
    factor = 10_000;
    text = text.slice(0, -1);
  } else if (text.endsWith('亿')) {
    factor = 100_000_000;
    text = text.slice(0, -1);
  } else if (text.endsWith('%')) {
    factor = 0.01;
    text = text.slice(0, -1);
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text) * factor;
}

/** A list typed into one cell: separated by ；;、, or new lines. */
export function readList(value: string | number | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return [
    ...new Set(
      String(value)
        .split(/[；;、,，\n|]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A header as compared: lower case, without spaces, punctuation or the required-field star. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s*＊:：_\-—/\\.。·]+/g, '');
}
