import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { data, download, http } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { amountUnit, formatChange, formatNumber, formatPercent, formatScaled, formatScaledWithUnit, scaleAmount, type AmountScale, type Lang } from '../../lib/format';
import { shortLabels } from '../../lib/labels';

// Renderers for the bureau's indicator responses (Features/Indicators), one per table, each declaring its
// columns. Amounts come in yuan and are shown in the paper's units (万元, Table 2 亿元; ¥ m and ¥ bn in English,
// lib/format's formatScaled); rates come in percent (44.3 = 44.3%).

type S = components['schemas'];
type InstitutionRef = S['InstitutionRef'] | null | undefined;
export type IndicatorId = 'turnover' | 'fields' | 'localization' | 'contract-amounts' | 'collaboration' | 'funnel' | 'unmet-demand' | 'leakage';
/** What `GET /api/indicators/{id}` answers, from the OpenAPI document. */
export type IndicatorData<I extends IndicatorId> = paths[`/api/indicators/${I}`]['get']['responses'][200]['content']['application/json'];
const pathOf = (id: IndicatorId) => `/api/indicators/${id}` as `/api/indicators/${IndicatorId}`;

export const loadIndicator = <I extends IndicatorId>(id: I, year: number, signal?: AbortSignal) =>
  data(http.GET(pathOf(id), { params: { query: { year } }, signal })) as Promise<IndicatorData<I>>;
export const exportIndicator = (id: IndicatorId, year: number, format: 'csv' | 'xlsx') =>
  download(http.GET(pathOf(id), { params: { query: { year, format } }, parseAs: 'blob' }), `${id}-${year}.${format}`);

export type View = {
  summary: { key: string; label: string; value: string }[];
  /** `group`: a header spanning the columns that share it ("合同数（项）" over the years). */
  columns: { key: string; label: string; numeric?: boolean; group?: string }[];
  rows: { key: string; cells: ReactNode[]; highlight?: boolean }[];
  chart?: Record<string, unknown> | null;
};

const inst = (i: InstitutionRef, lang: Lang, t: TFunction) => (i ? (lang === 'en' ? i.nameEn || i.nameZh : i.nameZh) : t('indicator.total'));
const wan = (v: number | null | undefined, lang: Lang) => formatScaled(v, 'wan', lang);
const unit = (scale: AmountScale, lang: Lang) => ({ unit: amountUnit(scale, lang) });
const pct = (v: number | null | undefined, lang: Lang) => (v === null || v === undefined ? '—' : formatPercent(v / 100, lang));
/** A change of a rate in percentage points: "+5.0个百分点" / "+5.0 pp". */
export const pp = (v: number | null | undefined, lang: Lang, t: TFunction) => (v === null || v === undefined ? '—'
  : t('indicator.pp', { value: `${v > 0 ? '+' : v < 0 ? '−' : ''}${new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(v))}` }));
const n = (v: number | null | undefined, lang: Lang) => formatNumber(v, lang);

/** A value axis: its name (with the unit), its tick labels and the tooltip's values. */
type Axis = { name: string; max?: number; tick: (v: number) => string; format: (v: number) => string };
const fixed = (v: number, lang: Lang, digits: number) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
/** Amounts already divided into the scale's unit (scaleAmount); the tooltip to the table's precision. */
const amountAxis = (scale: AmountScale, lang: Lang, t: TFunction, digits = lang === 'en' ? 2 : 1, nameKey = 'board.amountIn'): Axis => ({
  name: t(nameKey, unit(scale, lang)), tick: (v) => formatNumber(v, lang), format: (v) => `${fixed(v, lang, digits)} ${amountUnit(scale, lang)}`,
});
const percentAxis = (lang: Lang, t: TFunction): Axis => ({ name: t('board.axisRate'), max: 100, tick: (v) => `${v}%`, format: (v) => formatPercent(v / 100, lang) });
const countAxis = (name: string, lang: Lang): Axis => ({ name, tick: (v) => formatNumber(v, lang), format: (v) => formatNumber(v, lang) });

/**
 * A bar chart over institutions: the axis names its unit, the legend names each series, labels are short
 * and never alike (lib/labels), the tooltip gives the full name and the values in the unit.
 */
export const bar = (names: string[], series: { name: string; data: number[]; [k: string]: unknown }[], axis: Axis, extra: Record<string, unknown> = {}) => {
  const labels = shortLabels(names);
  return {
    baseOption: {
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => axis.format(v) },
      legend: { top: 0, type: 'scroll' }, grid: { left: 8, right: 16, bottom: 8, top: 60, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0, formatter: (_: string, i: number) => labels[i] } },
      yAxis: { type: 'value', name: axis.name, max: axis.max, nameTextStyle: { align: 'left' }, axisLabel: { formatter: axis.tick } },
      series: series.map((s) => ({ type: 'bar', barMaxWidth: 36, ...s })), ...extra,
    },
    // A phone's narrow chart: upright labels, which do not run into each other.
    media: [{ query: { maxWidth: 560 }, option: { xAxis: { axisLabel: { rotate: names.length > 3 ? 90 : 0 } } } }],
  };
};

export function turnoverView(d: S['TurnoverTable'], lang: Lang, t: TFunction): View {
  return {
    summary: [],
    columns: [
      // The rank leads the name, so that the sticky first column says both.
      { key: 'inst', label: `${t('dashboard.rank')} · ${t('indicator.institution')}` },
      ...[d.previousYear, d.year].flatMap((y) => [
        { key: `c${y}`, label: t('board.contractsCol'), numeric: true, group: t('board.year', { year: y }) },
        { key: `a${y}`, label: t('board.amountIn', unit('wan', lang)), numeric: true, group: t('board.year', { year: y }) },
      ]),
      { key: 'ch', label: t('board.amountChange'), numeric: true },
    ],
    rows: d.rows.map((r) => ({
      key: r.institution?.id ?? String(r.rank),
      cells: [<><span className="rank">{r.rank}</span>{inst(r.institution, lang, t)}</>, n(r.previousContracts, lang), wan(r.previousAmount, lang), n(r.contracts, lang), wan(r.amount, lang),
        r.previousAmount ? formatChange(r.amount / r.previousAmount - 1, lang) : '—'],
    })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: t('board.amountOfYear', { year: d.previousYear }), data: d.rows.map((r) => scaleAmount(r.previousAmount, 'wan', lang)) },
      { name: t('board.amountOfYear', { year: d.year }), data: d.rows.map((r) => scaleAmount(r.amount, 'wan', lang)) },
    ], amountAxis('wan', lang, t)),
  };
}

type FieldRow = S['FieldCompositionRow'];
export function fieldsView(d: S['FieldCompositionTable'], lang: Lang, t: TFunction): View {
  const name = (r: FieldRow) => (r.field ? t(`field.${r.field}`, { defaultValue: r.field }) : t('indicator.total'));
  const last = d.years.length - 1;
  const volume = amountAxis('yi', lang, t);
  return {
    summary: [],
    columns: [
      { key: 'f', label: t('listing.field') },
      ...d.years.map((y) => ({ key: `c${y}`, label: t('board.year', { year: y }), numeric: true, group: t('board.contractsCol') })),
      ...d.years.map((y) => ({ key: `v${y}`, label: t('board.year', { year: y }), numeric: true, group: t('board.amountIn', unit('yi', lang)) })),
      { key: 's', label: t('board.shareOf', { year: d.year }), numeric: true }, { key: 'i', label: t('board.increaseOf', { year: d.year }), numeric: true },
    ],
    rows: [...d.rows, { ...d.total, field: null }].map((r, i) => ({
      key: r.field ?? `total-${i}`, highlight: r.field === null,
      cells: [name(r), ...r.contracts.map((c) => n(c, lang)), ...r.volume.map((v) => formatScaled(v, 'yi', lang)), pct(r.sharePct, lang), pct(r.increasePct, lang)],
    })),
    chart: {
      baseOption: {
        title: { text: t('board.fieldsChartTitle', { year: d.year, ...unit('yi', lang) }), left: 'center', top: 0, textStyle: { fontSize: 13, fontWeight: 'normal' } },
        tooltip: { trigger: 'item', confine: true, valueFormatter: volume.format },
        legend: { type: 'scroll', bottom: 0 },
        series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '52%'],
          data: d.rows.filter((r) => (r.volume[last] ?? 0) > 0).map((r) => ({ name: name(r), value: scaleAmount(r.volume[last], 'yi', lang) })) }],
      },
      // Too narrow for names around the ring: the legend and the tooltip name the fields.
      media: [{ query: { maxWidth: 560 }, option: { series: [{ label: { show: false }, labelLine: { show: false }, radius: ['30%', '58%'] }] } }],
    },
  };
}

export function localizationView(d: S['LocalizationTable'], lang: Lang, t: TFunction): View {
  const rows: { institution: InstitutionRef; previous: S['LocalizationFigures']; current: S['LocalizationFigures'] }[] =
    [...d.rows, { institution: null, previous: d.previousTotal, current: d.total }];
  return {
    summary: [
      { key: 'countRate', label: t('indicator.localCountRate', { year: d.year }), value: pct(d.total.countRatePct, lang) },
      { key: 'amountRate', label: t('indicator.localAmountRate', { year: d.year }), value: pct(d.total.amountRatePct, lang) },
      { key: 'countRateChange', label: t('indicator.yoyCount'), value: pp(d.total.countRatePct - d.previousTotal.countRatePct, lang, t) },
      { key: 'amountRateChange', label: t('indicator.yoyAmount'), value: pp(d.total.amountRatePct - d.previousTotal.amountRatePct, lang, t) },
    ],
    columns: [
      { key: 'inst', label: t('indicator.institution') },
      ...[['p', 'board.all'], ['lp', 'board.local'], ['cr', 'board.rate'], ['crc', 'board.rateChange']].map(([key, label]) =>
        ({ key, label: t(label), numeric: true, group: t('board.byProjects') })),
      ...[['a', 'board.all'], ['la', 'board.local'], ['ar', 'board.rate'], ['arc', 'board.rateChange']].map(([key, label]) =>
        ({ key, label: t(label), numeric: true, group: t('board.byAmount', unit('wan', lang)) })),
    ],
    rows: rows.map((r, i) => ({
      key: r.institution?.id ?? `total-${i}`, highlight: !r.institution,
      cells: [inst(r.institution, lang, t), n(r.current.projects, lang), n(r.current.localProjects, lang), pct(r.current.countRatePct, lang),
        pp(r.current.countRatePct - r.previous.countRatePct, lang, t), wan(r.current.amount, lang), wan(r.current.localAmount, lang),
        pct(r.current.amountRatePct, lang), pp(r.current.amountRatePct - r.previous.amountRatePct, lang, t)],
    })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: t('indicator.countRate'), data: d.rows.map((r) => r.current.countRatePct) },
      { name: t('indicator.amountRate'), data: d.rows.map((r) => r.current.amountRatePct) },
    ], percentAxis(lang, t)),
  };
}

export function contractAmountsView(d: S['ContractAmountsTable'], lang: Lang, t: TFunction): View {
  const rows = [...d.rows, { ...d.total, institution: null }];
  // Averages are small (6.6 万元 = ¥0.066 m): one more digit in English keeps them apart.
  const avgDigits = lang === 'en' ? 3 : 1;
  return {
    summary: [
      { key: 'national', label: t('indicator.nationalAverage', { year: d.nationalAverageYear }), value: formatScaledWithUnit(d.nationalAverageContractAmount, 'wan', lang, avgDigits) },
      { key: 'average', label: t('indicator.averageAmount'), value: formatScaledWithUnit(d.total.averageAmount, 'wan', lang, avgDigits) },
      { key: 'averageLocal', label: t('indicator.averageLocalAmount'), value: formatScaledWithUnit(d.total.averageLocalAmount, 'wan', lang, avgDigits) },
    ],
    columns: [
      { key: 'inst', label: t('indicator.institution') }, { key: 'p', label: t('indicator.projects'), numeric: true },
      { key: 'a', label: t('board.amountIn', unit('wan', lang)), numeric: true }, { key: 'avg', label: t('board.averageIn', unit('wan', lang)), numeric: true },
      { key: 'lp', label: t('indicator.localProjects'), numeric: true }, { key: 'la', label: t('board.localAmountIn', unit('wan', lang)), numeric: true },
      { key: 'lavg', label: t('board.localAverageIn', unit('wan', lang)), numeric: true }, { key: 'above', label: t('indicator.vsNational') },
    ],
    rows: rows.map((r, i) => ({
      key: r.institution?.id ?? `total-${i}`, highlight: !r.institution,
      cells: [inst(r.institution, lang, t), n(r.projects, lang), wan(r.amount, lang), formatScaled(r.averageAmount, 'wan', lang, avgDigits), n(r.localProjects, lang),
        wan(r.localAmount, lang), formatScaled(r.averageLocalAmount, 'wan', lang, avgDigits), r.aboveNationalAverage ? t('indicator.above') : t('indicator.below')],
    })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: t('indicator.averageAmount'), data: d.rows.map((r) => scaleAmount(r.averageAmount, 'wan', lang)),
        markLine: { symbol: 'none', label: { formatter: t('board.nationalLine') }, data: [{ yAxis: scaleAmount(d.nationalAverageContractAmount, 'wan', lang) }] } },
      { name: t('indicator.averageLocalAmount'), data: d.rows.map((r) => scaleAmount(r.averageLocalAmount, 'wan', lang)) },
    ], amountAxis('wan', lang, t, avgDigits, 'board.averageIn')),
  };
}

export function collaborationView(d: S['CollaborationTable'], lang: Lang, t: TFunction): View {
  const mark = (above: boolean) => (above ? ' ▲' : '');
  return {
    summary: [
      { key: 'jointRd', label: t('indicator.avgJointRd'), value: `${formatNumber(d.averageJointRdInstitutions, lang, 2)} / ${formatNumber(d.nationalAverageJointRdInstitutions, lang, 2)}` },
      { key: 'spinOffs', label: t('indicator.avgSpinOffs'), value: `${formatNumber(d.averageSpinOffs, lang, 2)} / ${formatNumber(d.nationalAverageSpinOffs, lang, 2)}` },
    ],
    columns: [{ key: 'inst', label: t('indicator.institution') }, { key: 'j', label: t('indicator.jointRd'), numeric: true }, { key: 's', label: t('indicator.spinOffs'), numeric: true }],
    rows: d.rows.map((r, i) => ({ key: r.institution?.id ?? String(i), cells: [inst(r.institution, lang, t), n(r.jointRdInstitutions, lang) + mark(r.jointRdAboveNationalAverage), n(r.spinOffs, lang) + mark(r.spinOffsAboveNationalAverage)] })),
    chart: bar(d.rows.map((r) => inst(r.institution, lang, t)), [
      { name: t('indicator.jointRd'), data: d.rows.map((r) => r.jointRdInstitutions),
        markLine: { symbol: 'none', label: { formatter: t('board.nationalLine') }, data: [{ yAxis: d.nationalAverageJointRdInstitutions }] } },
      { name: t('indicator.spinOffs'), data: d.rows.map((r) => r.spinOffs),
        markLine: { symbol: 'none', label: { formatter: t('board.nationalLine') }, data: [{ yAxis: d.nationalAverageSpinOffs }] } },
    ], countAxis(t('board.axisCount'), lang)),
  };
}

const STEP_KEYS = ['needs', 'proposals', 'interests', 'deals', 'signedDeals', 'contracts'] as const;
export function funnelView(d: S['FunnelTable'], lang: Lang, t: TFunction): View {
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
    chart: { tooltip: { trigger: 'item', valueFormatter: (v: number) => formatNumber(v, lang) }, series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', label: { show: true, position: 'inside' },
      data: STEP_KEYS.map((k) => ({ name: t(`indicator.step.${k}`), value: d.total[k] })) }] },
  };
}

export function unmetView(d: S['UnmetDemandTable'], lang: Lang, t: TFunction): View {
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

export function leakageView(d: S['LeakageTable'], lang: Lang, t: TFunction): View {
  const rows = [...d.rows, { ...d.total, field: null }];
  return {
    summary: [
      { key: 'leakedCountPct', label: t('indicator.leakedCountPct'), value: pct(d.total.leakedCountPct, lang) },
      { key: 'leakedAmountPct', label: t('indicator.leakedAmountPct'), value: pct(d.total.leakedAmountPct, lang) },
    ],
    columns: [
      { key: 'f', label: t('listing.field') }, { key: 'nc', label: t('indicator.nonLocalContracts'), numeric: true }, { key: 'na', label: t('board.nonLocalAmountIn', unit('wan', lang)), numeric: true },
      { key: 'lc', label: t('indicator.leakedContracts'), numeric: true }, { key: 'la', label: t('board.leakedAmountIn', unit('wan', lang)), numeric: true },
      { key: 'lcp', label: t('indicator.leakedCountPct'), numeric: true }, { key: 'lap', label: t('indicator.leakedAmountPct'), numeric: true },
    ],
    rows: rows.map((r, i) => ({ key: r.field ?? `total-${i}`, highlight: r.field === null && i === rows.length - 1,
      cells: [r.field ? t(`field.${r.field}`, { defaultValue: r.field }) : t('indicator.total'), n(r.nonLocalContracts, lang), wan(r.nonLocalAmount, lang), n(r.leakedContracts, lang), wan(r.leakedAmount, lang), pct(r.leakedCountPct, lang), pct(r.leakedAmountPct, lang)] })),
    chart: null,
  };
}

const VIEWS: { [I in IndicatorId]: (d: IndicatorData<I>, lang: Lang, t: TFunction) => View } = {
  turnover: turnoverView, fields: fieldsView, localization: localizationView, 'contract-amounts': contractAmountsView, collaboration: collaborationView,
  funnel: funnelView, 'unmet-demand': unmetView, leakage: leakageView,
};

/** The indicator's table (and chart) from its answer. */
export function viewOf<I extends IndicatorId>(id: I, answer: IndicatorData<I>, lang: Lang, t: TFunction): View {
  const view = VIEWS[id](answer, lang, t);
  // No chart over nothing: a table of totals only (no data rows) keeps its table but loses the chart.
  if (view.rows.filter((r) => !r.highlight).length === 0) view.chart = null;
  return view;
}
