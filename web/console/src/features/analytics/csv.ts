/**
 * The analytics section's CSV files, written in the browser from the JSON the reports already show: the
 * figures on screen, under the reader's headers, as Excel opens them (UTF-8 with a BOM, so 汉字 store
 * names survive; CRLF rows; RFC 4180 quoting). Money is in yuan with two decimals, without grouping or
 * sign, under a header that says so; days are Shanghai business days.
 */
export const BOM = '\uFEFF';

type Cell = string | number;

/** One field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
const field = (cell: Cell) => {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** A whole file: the BOM, the header row, then the rows, each line ended by CRLF. */
export const csvFile = (header: Cell[], rows: Cell[][]) =>
  BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';

/** Fen as yuan with two decimals for a spreadsheet's sums: 1234567 → 12345.67, -5 → -0.05. */
export function yuan(fen: number): string {
  const whole = Math.round(fen);
  const absolute = Math.abs(whole);
  return `${whole < 0 ? '-' : ''}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** A file name that says what it holds and for when: daily-sales_2026-11-01_2026-11-30.csv. */
export const csvFileName = (report: string, from: string, to?: string) =>
  `${report}_${from}${to && to !== from ? `_${to}` : ''}.csv`;

/** Hands the file to the browser as a download. */
export function downloadCsv(name: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
