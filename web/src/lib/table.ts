import { formatChange, formatNumber, formatPercent, formatWan, type Lang } from './format';

export type Row = Record<string, unknown>;
export type ColumnKind = 'text' | 'count' | 'amount' | 'ratio' | 'change';

/** Rows from an indicator response: a bare array, or the first array property ({rows}, {items}, {institutions}, …). */
export function rowsOf(data: unknown): Row[] {
  if (Array.isArray(data)) return data as Row[];
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of ['rows', 'items', 'data']) if (Array.isArray(o[k])) return o[k] as Row[];
    const firstArray = Object.values(o).find((v) => Array.isArray(v) && v.length && typeof v[0] === 'object');
    if (firstArray) return firstArray as Row[];
  }
  return [];
}

/** Scalar summary values of an indicator response (totals, overall rates, reference values). */
export function summaryOf(data: unknown): [string, unknown][] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
}

/** How a column is shown, guessed from its name (amounts in 万元, rates as percentages). */
export function columnKind(key: string, sample: unknown): ColumnKind {
  const k = key.toLowerCase();
  if (typeof sample !== 'number') return 'text';
  if (/(change|growth|increase|yoy|delta)/.test(k)) return 'change';
  if (/(rate|share|ratio|proportion|percent)/.test(k)) return 'ratio';
  if (/(amount|turnover|volume|income|yuan|value|budget|price)/.test(k)) return 'amount';
  return 'count';
}

export function columnsOf(rows: Row[]): { key: string; kind: ColumnKind }[] {
  const first = rows.find(Boolean) ?? {};
  const keys = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  return keys
    .filter((k) => { const v = rows.find((r) => r[k] !== null && r[k] !== undefined)?.[k] ?? first[k]; return v === null || typeof v !== 'object'; })
    .filter((k) => !/(^id$|Id$)/.test(k))
    .map((k) => ({ key: k, kind: columnKind(k, rows.find((r) => typeof r[k] === 'number')?.[k] ?? first[k]) }));
}

export function formatCell(kind: ColumnKind, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  switch (kind) {
    case 'amount': return lang === 'en' ? formatNumber(Number(value), lang, 0) : formatWan(Number(value), lang);
    case 'ratio': return formatPercent(Number(value), lang);
    case 'change': return formatChange(Number(value), lang);
    case 'count': return formatNumber(Number(value), lang);
    default: return String(value);
  }
}
