import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { formatChange, formatNumber, formatPercent, formatWan, type Lang } from '../../lib/format';
import { columnsOf, formatCell, rowsOf, summaryOf } from '../../lib/table';

// Renderers for the bureau's indicator responses (Features/Indicators). Amounts come in yuan and are
// shown in 万元 as the paper's tables do; rates come in percent (44.3 = 44.3%).

type InstitutionRef = { id: string; nameZh: string; nameEn: string } | null;
export type Figures = { projects: number; localProjects: number; countRatePct: number; amount: number; localAmount: number; amountRatePct: number };
export type View = {
  summary: { key: string; label: string; value: string }[];
  columns: { key: string; label: string; numeric?: boolean }[];
  rows: { key: string; cells: ReactNode[]; highlight?: boolean }[];
  chart?: Record<string, unknown> | null;
};

const inst = (i: InstitutionRef, lang: Lang, t: TFunction) => (i ? (lang === 'en' ? i.nameEn || i.nameZh : i.nameZh) : t('indicator.total'));
// Chinese tables show 万元 as the paper does; English shows whole yuan with digit grouping.
const wan = (v: number | null | undefined, lang: Lang) => (lang === 'en' ? formatNumber(v, lang, 0) : formatWan(v, lang));
const scale = (lang: Lang) => (lang === 'en' ? 1 : 10000);
const pct = (v: number | null | undefined, lang: Lang) => (v === null || v === undefined ? '—' : formatPercent(v / 100, lang));
const pp = (v: number | null | undefined, lang: Lang) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(v))}${lang === 'en' ? ' pp' : '个百分点'}`);
const n = (v: number | null | undefined, lang: Lang) => formatNumber(v, lang);
const bar = (names: string[], series: { name: string; data: number[] }[], extra: Record<string, unknown> = {}) => ({
  tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0, width: 90, overflow: 'truncate' } },
  yAxis: { type: 'value' }, series: series.map((s) => ({ type: 'bar', ...s })), ...extra,
});

export function turnoverView(d: { year: number; previousYear: number; rows: { rank: number; institution: InstitutionRef; previousContracts: number; previousAmount: number; contracts: number; amount: number }[] }, lang: Lang, t: TFunction): View {
  return {
    summary: [],
    columns: [
      { key: 'rank', label: t('dashboard.rank'), numeric: true }, { key: 'inst', label: t('indicator.institution') },
      { key: 'pc', label: t('indicator.contractsOf', { year: d.previousYear }), numeric: true }, { key: 'pa', label: t('indicator.amountOf', { year: d.previousYear }), numeric: true },
      { key: 'c', label: t('indicator.contractsOf', { year: d.year }), numeric: true }, { key: 'a', label: t('indicator.amountOf', { year: d.year }), numeric: true },
      { key: 'ch', label: t('indicator.change'), numeric: true },
    ],
    rows: d.rows.map((r) => ({
      key: r.institution?.id ?? String(r.rank),
      cells: [r.rank, inst(r.institution, lang, t), n(r.previousContracts, lang), wan(r.previousAmount, lang), n(r.contracts, lang), wan(r.amount, lang),
        r.previousAmount ? formatChange(r.amount / r.previousAmount - 1, lang) : '—'],
    })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: String(d.previousYear), data: d.rows.map((r) => r.previousAmount / scale(lang)) },
      { name: String(d.year), data: d.rows.map((r) => r.amount / scale(lang)) },
    ]),
  };
}

type FieldRow = { field: string | null; contracts: number[]; volume: number[]; sharePct: number; increasePct: number | null };
export function fieldsView(d: { year: number; years: number[]; rows: FieldRow[]; total: FieldRow }, lang: Lang, t: TFunction): View {
  const name = (r: FieldRow) => (r.field ? t(`field.${r.field}`, { defaultValue: r.field }) : t('indicator.total'));
  const last = d.years.length - 1;
  return {
    summary: [],
    columns: [
      { key: 'f', label: t('listing.field') },
      ...d.years.map((y) => ({ key: `c${y}`, label: t('indicator.contractsOf', { year: y }), numeric: true })),
      ...d.years.map((y) => ({ key: `v${y}`, label: t('indicator.volumeOf', { year: y }), numeric: true })),
      { key: 's', label: t('indicator.share'), numeric: true }, { key: 'i', label: t('indicator.increase'), numeric: true },
    ],
    rows: [...d.rows, { ...d.total, field: null }].map((r, i) => ({
      key: r.field ?? `total-${i}`, highlight: r.field === null,
      cells: [name(r), ...r.contracts.map((c) => n(c, lang)), ...r.volume.map((v) => wan(v, lang)), pct(r.sharePct, lang), pct(r.increasePct, lang)],
    })),
    chart: { tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: d.rows.filter((r) => (r.volume[last] ?? 0) > 0).map((r) => ({ name: name(r), value: (r.volume[last] ?? 0) / scale(lang) })) }] },
  };
}

export function localizationView(d: { year: number; previousYear: number; rows: { institution: InstitutionRef; previous: Figures; current: Figures }[]; previousTotal: Figures; total: Figures }, lang: Lang, t: TFunction): View {
  const rows = [...d.rows, { institution: null, previous: d.previousTotal, current: d.total }];
  return {
    summary: [
      { key: 'countRate', label: t('indicator.localCountRate', { year: d.year }), value: pct(d.total.countRatePct, lang) },
      { key: 'amountRate', label: t('indicator.localAmountRate', { year: d.year }), value: pct(d.total.amountRatePct, lang) },
      { key: 'countRateChange', label: t('indicator.yoyCount'), value: pp(d.total.countRatePct - d.previousTotal.countRatePct, lang) },
      { key: 'amountRateChange', label: t('indicator.yoyAmount'), value: pp(d.total.amountRatePct - d.previousTotal.amountRatePct, lang) },
    ],
    columns: [
      { key: 'inst', label: t('indicator.institution') },
      { key: 'p', label: t('indicator.projects'), numeric: true }, { key: 'lp', label: t('indicator.localProjects'), numeric: true },
      { key: 'cr', label: t('indicator.countRate'), numeric: true }, { key: 'crc', label: t('indicator.yoy'), numeric: true },
      { key: 'a', label: t('indicator.amountWan'), numeric: true }, { key: 'la', label: t('indicator.localAmountWan'), numeric: true },
      { key: 'ar', label: t('indicator.amountRate'), numeric: true }, { key: 'arc', label: t('indicator.yoy'), numeric: true },
    ],
    rows: rows.map((r, i) => ({
      key: r.institution?.id ?? `total-${i}`, highlight: !r.institution,
      cells: [inst(r.institution, lang, t), n(r.current.projects, lang), n(r.current.localProjects, lang), pct(r.current.countRatePct, lang),
        pp(r.current.countRatePct - r.previous.countRatePct, lang), wan(r.current.amount, lang), wan(r.current.localAmount, lang),
        pct(r.current.amountRatePct, lang), pp(r.current.amountRatePct - r.previous.amountRatePct, lang)],
    })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: t('indicator.countRate'), data: d.rows.map((r) => r.current.countRatePct) },
      { name: t('indicator.amountRate'), data: d.rows.map((r) => r.current.amountRatePct) },
    ], { yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } } }),
  };
}

type AmountRow = { institution: InstitutionRef; projects: number; localProjects: number; amount: number; localAmount: number; averageAmount: number; averageLocalAmount: number; aboveNationalAverage: boolean };
export function contractAmountsView(d: { year: number; nationalAverageContractAmount: number; nationalAverageYear: number; rows: AmountRow[]; total: AmountRow }, lang: Lang, t: TFunction): View {
  const rows = [...d.rows, { ...d.total, institution: null }];
  return {
    summary: [
      { key: 'national', label: t('indicator.nationalAverage', { year: d.nationalAverageYear }), value: `${wan(d.nationalAverageContractAmount, lang)} ${t('dashboard.unitWan')}` },
      { key: 'average', label: t('indicator.averageAmount'), value: `${wan(d.total.averageAmount, lang)} ${t('dashboard.unitWan')}` },
      { key: 'averageLocal', label: t('indicator.averageLocalAmount'), value: `${wan(d.total.averageLocalAmount, lang)} ${t('dashboard.unitWan')}` },
    ],
    columns: [
      { key: 'inst', label: t('indicator.institution') }, { key: 'p', label: t('indicator.projects'), numeric: true },
      { key: 'a', label: t('indicator.amountWan'), numeric: true }, { key: 'avg', label: t('indicator.averageAmountWan'), numeric: true },
      { key: 'lp', label: t('indicator.localProjects'), numeric: true }, { key: 'la', label: t('indicator.localAmountWan'), numeric: true },
      { key: 'lavg', label: t('indicator.averageLocalAmountWan'), numeric: true }, { key: 'above', label: t('indicator.vsNational') },
    ],
    rows: rows.map((r, i) => ({
      key: r.institution?.id ?? `total-${i}`, highlight: !r.institution,
      cells: [inst(r.institution, lang, t), n(r.projects, lang), wan(r.amount, lang), wan(r.averageAmount, lang), n(r.localProjects, lang),
        wan(r.localAmount, lang), wan(r.averageLocalAmount, lang), r.aboveNationalAverage ? t('indicator.above') : t('indicator.below')],
    })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: t('indicator.averageAmount'), data: d.rows.map((r) => r.averageAmount / scale(lang)) },
      { name: t('indicator.averageLocalAmount'), data: d.rows.map((r) => r.averageLocalAmount / scale(lang)) },
    ]),
  };
}

type CollabRow = { institution: InstitutionRef; jointRdInstitutions: number; spinOffs: number; jointRdAboveNationalAverage: boolean; spinOffsAboveNationalAverage: boolean };
export function collaborationView(d: { rows: CollabRow[]; averageJointRdInstitutions: number; averageSpinOffs: number; nationalAverageJointRdInstitutions: number; nationalAverageSpinOffs: number }, lang: Lang, t: TFunction): View {
  const mark = (above: boolean) => (above ? ' ▲' : '');
  return {
    summary: [
      { key: 'jointRd', label: t('indicator.avgJointRd'), value: `${formatNumber(d.averageJointRdInstitutions, lang, 2)} / ${formatNumber(d.nationalAverageJointRdInstitutions, lang, 2)}` },
      { key: 'spinOffs', label: t('indicator.avgSpinOffs'), value: `${formatNumber(d.averageSpinOffs, lang, 2)} / ${formatNumber(d.nationalAverageSpinOffs, lang, 2)}` },
    ],
    columns: [{ key: 'inst', label: t('indicator.institution') }, { key: 'j', label: t('indicator.jointRd'), numeric: true }, { key: 's', label: t('indicator.spinOffs'), numeric: true }],
    rows: d.rows.map((r, i) => ({ key: r.institution?.id ?? String(i), cells: [inst(r.institution, lang, t), n(r.jointRdInstitutions, lang) + mark(r.jointRdAboveNationalAverage), n(r.spinOffs, lang) + mark(r.spinOffsAboveNationalAverage)] })),
    chart: {
      ...bar(d.rows.map((r) => inst(r.institution, lang, t)), []),
      series: [
        { type: 'bar', name: t('indicator.jointRd'), data: d.rows.map((r) => r.jointRdInstitutions), markLine: { symbol: 'none', data: [{ yAxis: d.nationalAverageJointRdInstitutions, name: t('indicator.national') }] } },
        { type: 'bar', name: t('indicator.spinOffs'), data: d.rows.map((r) => r.spinOffs), markLine: { symbol: 'none', data: [{ yAxis: d.nationalAverageSpinOffs, name: t('indicator.national') }] } },
      ],
    },
  };
}


type FunnelStep = { needs: number; proposals: number; interests: number; deals: number; signedDeals: number; contracts: number; proposalsPerNeed: number; interestPct: number; dealPct: number; signedPct: number; contractPct: number };
const STEP_KEYS = ['needs', 'proposals', 'interests', 'deals', 'signedDeals', 'contracts'] as const;
export function funnelView(d: { year: number; fields: { field: string; step: FunnelStep }[]; total: FunnelStep }, lang: Lang, t: TFunction): View {
  const fieldName = (f: string | null) => (f ? t(`field.${f}`, { defaultValue: f }) : t('indicator.total'));
  const rows = [...d.fields.map((f) => ({ field: f.field as string | null, step: f.step })), { field: null, step: d.total }];
  return {
    summary: [
      { key: 'proposalsPerNeed', label: t('indicator.proposalsPerNeed'), value: formatNumber(d.total.proposalsPerNeed, lang, 1) },
      { key: 'interestPct', label: t('indicator.interestPct'), value: pct(d.total.interestPct, lang) },
      { key: 'dealPct', label: t('indicator.dealPct'), value: pct(d.total.dealPct, lang) },
      { key: 'contractPct', label: t('indicator.contractPct'), value: pct(d.total.contractPct, lang) },
    ],
    columns: [{ key: 'f', label: t('listing.field') }, ...STEP_KEYS.map((k) => ({ key: k, label: t(`indicator.step.${k}`), numeric: true }))],
    rows: rows.map((r, i) => ({ key: r.field ?? `total-${i}`, highlight: r.field === null, cells: [fieldName(r.field), ...STEP_KEYS.map((k) => n(r.step[k], lang))] })),
    chart: { tooltip: { trigger: 'item' }, series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', label: { show: true, position: 'inside' },
      data: STEP_KEYS.map((k) => ({ name: t(`indicator.step.${k}`), value: d.total[k] })) }] },
  };
}

type UnmetRow = { field: string | null; publishedNeeds: number; withoutMatch: number; withoutLocalSupplier: number; withoutMatchPct: number; withoutLocalSupplierPct: number };
export function unmetView(d: { threshold: number; rows: UnmetRow[]; total: UnmetRow }, lang: Lang, t: TFunction): View {
  const rows = [...d.rows, { ...d.total, field: null }];
  return {
    summary: [
      { key: 'withoutMatchPct', label: t('indicator.withoutMatchPct'), value: pct(d.total.withoutMatchPct, lang) },
      { key: 'withoutLocalSupplierPct', label: t('indicator.withoutLocalSupplierPct'), value: pct(d.total.withoutLocalSupplierPct, lang) },
      { key: 'threshold', label: t('indicator.threshold'), value: formatPercent(d.threshold, lang, 0) },
    ],
    columns: [
      { key: 'f', label: t('listing.field') }, { key: 'n', label: t('indicator.publishedNeeds'), numeric: true },
      { key: 'wm', label: t('indicator.withoutMatch'), numeric: true }, { key: 'wmp', label: t('indicator.share'), numeric: true },
      { key: 'wl', label: t('indicator.withoutLocalSupplier'), numeric: true }, { key: 'wlp', label: t('indicator.share'), numeric: true },
    ],
    rows: rows.map((r, i) => ({ key: r.field ?? `total-${i}`, highlight: r.field === null && i === rows.length - 1,
      cells: [r.field ? t(`field.${r.field}`, { defaultValue: r.field }) : t('indicator.total'), n(r.publishedNeeds, lang), n(r.withoutMatch, lang), pct(r.withoutMatchPct, lang), n(r.withoutLocalSupplier, lang), pct(r.withoutLocalSupplierPct, lang)] })),
    chart: null,
  };
}

type LeakRow = { field: string | null; nonLocalContracts: number; nonLocalAmount: number; leakedContracts: number; leakedAmount: number; leakedCountPct: number; leakedAmountPct: number };
export function leakageView(d: { threshold: number; rows: LeakRow[]; total: LeakRow }, lang: Lang, t: TFunction): View {
  const rows = [...d.rows, { ...d.total, field: null }];
  return {
    summary: [
      { key: 'leakedCountPct', label: t('indicator.leakedCountPct'), value: pct(d.total.leakedCountPct, lang) },
      { key: 'leakedAmountPct', label: t('indicator.leakedAmountPct'), value: pct(d.total.leakedAmountPct, lang) },
    ],
    columns: [
      { key: 'f', label: t('listing.field') }, { key: 'nc', label: t('indicator.nonLocalContracts'), numeric: true }, { key: 'na', label: t('indicator.nonLocalAmountWan'), numeric: true },
      { key: 'lc', label: t('indicator.leakedContracts'), numeric: true }, { key: 'la', label: t('indicator.leakedAmountWan'), numeric: true },
      { key: 'lcp', label: t('indicator.leakedCountPct'), numeric: true }, { key: 'lap', label: t('indicator.leakedAmountPct'), numeric: true },
    ],
    rows: rows.map((r, i) => ({ key: r.field ?? `total-${i}`, highlight: r.field === null && i === rows.length - 1,
      cells: [r.field ? t(`field.${r.field}`, { defaultValue: r.field }) : t('indicator.total'), n(r.nonLocalContracts, lang), wan(r.nonLocalAmount, lang), n(r.leakedContracts, lang), wan(r.leakedAmount, lang), pct(r.leakedCountPct, lang), pct(r.leakedAmountPct, lang)] })),
    chart: null,
  };
}

/** Any other indicator: scalar values as a summary, the first array as a table. */
export function genericView(d: unknown, lang: Lang, t: TFunction): View {
  const rows = rowsOf(d);
  const cols = columnsOf(rows);
  return {
    summary: summaryOf(d).filter(([k]) => k !== 'year').map(([k, v]) => ({ key: k, label: t(`indicator.${k}`, { defaultValue: k }), value: typeof v === 'number' ? formatCell(columnsOf([{ [k]: v }])[0]?.kind ?? 'count', v, lang) : String(v) })),
    columns: cols.map((c) => ({ key: c.key, label: t(`indicator.${c.key}`, { defaultValue: c.key }) + (c.kind === 'amount' ? ` (${t('dashboard.unitWan')})` : ''), numeric: c.kind !== 'text' })),
    rows: rows.map((r, i) => ({ key: String(i), cells: cols.map((c) => formatCell(c.kind, r[c.key], lang)) })),
    chart: null,
  };
}

export const VIEWS: Record<string, (d: never, lang: Lang, t: TFunction) => View> = {
  turnover: turnoverView, fields: fieldsView, localization: localizationView, 'contract-amounts': contractAmountsView, collaboration: collaborationView,
  funnel: funnelView, 'unmet-demand': unmetView, leakage: leakageView,
};

/** Picks the renderer; falls back to the generic one if the response does not have the expected shape. */
export function viewOf(id: string, data: unknown, lang: Lang, t: TFunction): View {
  const specific = VIEWS[id];
  let view: View | null = null;
  if (specific) {
    try { view = specific(data as never, lang, t); } catch { /* shape changed: show it generically */ }
  }
  view ??= genericView(data, lang, t);
  // No chart over nothing: a table of totals only (no data rows) keeps its table but loses the chart.
  if (view.rows.filter((r) => !r.highlight).length === 0) view.chart = null;
  return view;
}
