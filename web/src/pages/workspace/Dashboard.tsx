import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { EChart } from '../../components/EChart';
import { ErrorMessage, Loading } from '../../components/ui';
import { exportIndicator, loadIndicator, viewOf, type IndicatorId, type View } from './indicators';
import { CollaborationImport } from './CollaborationImport';
import { ContractImport } from './ContractImport';
import { PlatformShare } from './PlatformShare';
import { DashboardProgrammes } from './DashboardProgrammes';
import { EmptyYear, Headline, headlineOf } from './DashboardHeadline';
import { useAsync, useLang } from '../../lib/hooks';
import { useLiveReload } from '../../lib/realtime';
import './dashboard.css';

/** The tables, one tab each; `contracts`: computed from the year's contracts, so a year without any shows the empty state. */
export const INDICATORS: { id: IndicatorId; chart: boolean; contracts: boolean }[] = [
  { id: 'turnover', chart: true, contracts: true },
  { id: 'fields', chart: true, contracts: true },
  { id: 'localization', chart: true, contracts: true },
  { id: 'contract-amounts', chart: true, contracts: true },
  { id: 'collaboration', chart: true, contracts: false },
  { id: 'funnel', chart: true, contracts: false },
  { id: 'unmet-demand', chart: false, contracts: false },
  { id: 'leakage', chart: false, contracts: true },
];
type Tab = IndicatorId | 'import';
const TABS: Tab[] = [...INDICATORS.map((i) => i.id), 'import'];

const TITLE_KEY: Record<IndicatorId, string> = {
  turnover: 'dashboard.turnover', fields: 'dashboard.fields', localization: 'dashboard.localization', 'contract-amounts': 'dashboard.amounts',
  collaboration: 'dashboard.collaboration', funnel: 'dashboard.funnel', 'unmet-demand': 'dashboard.unmet', leakage: 'dashboard.leakage',
};
const TAB_KEY: Record<Tab, string> = {
  turnover: 'board.tab.turnover', fields: 'board.tab.fields', localization: 'board.tab.localization', 'contract-amounts': 'board.tab.amounts',
  collaboration: 'board.tab.collaboration', funnel: 'board.tab.funnel', 'unmet-demand': 'board.tab.unmet', leakage: 'board.tab.leakage', import: 'board.tab.import',
};

/** Events after which the figures are read again. */
export const INDICATOR_EVENTS = ['IndicatorsChanged', 'ContractRecorded', 'ContractsImported'];

/** The latest of the last ten years that has contracts (the turnover table of a year is empty without them). */
function useLatestYear(thisYear: number) {
  const [latest, setLatest] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      for (let y = thisYear; y > thisYear - 10; y--) {
        try {
          const r = await data(http.GET('/api/indicators/turnover', { params: { query: { year: y, top: 1 } } }));
          if (r.rows.length) { if (!cancelled) setLatest(y); return; }
        } catch { return; }
      }
    })();
    return () => { cancelled = true; };
  }, [thisYear]);
  return latest;
}

/**
 * The bureau's dashboard: the year's headline figures, then the paper's tables one tab at a time (the tab and
 * the year in the URL), live; contract import on a tab of its own.
 */
export function Dashboard() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  const latest = useLatestYear(thisYear);
  // Without a year in the URL, open on the latest year that has contracts.
  const year = Number(params.get('year')) || latest || thisYear;
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'turnover';
  const link = (next: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(params), ...next })}`;
  const set = (next: Record<string, string>) => setParams(new URLSearchParams({ ...Object.fromEntries(params), ...next }), { replace: true });
  const [tick, setTick] = useState(0);
  const bump = useCallback(() => setTick((x) => x + 1), []);
  useLiveReload(INDICATOR_EVENTS, bump, 20_000);
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  const head = useAsync(async (signal) => headlineOf(await loadIndicator('fields', year, signal), await loadIndicator('localization', year, signal)), [year, tick]);
  const figures = head.data?.year === year ? head.data : undefined;
  const indicator = INDICATORS.find((i) => i.id === tab);
  const emptyYear = figures && !figures.hasContracts;
  const empty = emptyYear ? (
    <EmptyYear year={year} latest={latest !== year ? latest : null} importLink={link({ tab: 'import' })} latestLink={latest ? link({ year: String(latest) }) : null} />
  ) : null;

  return (
    <section className="page wide dashboard" aria-labelledby="dash-title" data-testid="dashboard-page">
      <header className="page-header row">
        <div>
          <h1 id="dash-title">{t('dashboard.title')}</h1>
          <p className="muted small">{t('dashboard.live')}</p>
        </div>
        <label>{t('dashboard.year')}{' '}
          <select value={year} onChange={(e) => set({ year: e.target.value })} data-testid="dashboard-year">
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </header>
      <ErrorMessage error={head.error} onRetry={head.reload} />
      {figures && figures.hasContracts && <Headline figures={figures} />}
      {/* Schemes simulated on a year without contracts would only show zeros. */}
      {figures && figures.hasContracts && <DashboardProgrammes year={year} tick={tick} />}
      <div className="tabs dashboard-tabs" role="tablist" aria-label={t('board.tabsLabel')} data-testid="dashboard-tabs">
        {TABS.map((x) => (
          <button key={x} type="button" role="tab" id={`dash-tab-${x}`} aria-selected={tab === x} aria-controls="dash-panel"
            className={tab === x ? 'active' : ''} onClick={() => set({ tab: x })} data-testid={`dashboard-tab-${x}`}>
            {t(TAB_KEY[x])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="dash-panel" aria-labelledby={`dash-tab-${tab}`} data-testid={`dashboard-panel-${tab}`}>
        {tab === 'import' && <><ContractImport onImported={bump} /><CollaborationImport onImported={bump} /></>}
        {indicator && (indicator.contracts && emptyYear ? empty
          : <IndicatorPanel key={indicator.id} id={indicator.id} chart={indicator.chart} title={t(TITLE_KEY[indicator.id])} year={year} tick={tick} />)}
        {tab === 'funnel' && <PlatformShare year={year} tick={tick} />}
      </div>
    </section>
  );
}

/** Whether a view has anything but zeros: a year without activity shows one sentence, not a table of zeros. */
const hasFigures = (view: View) => view.rows.some((r) => !r.highlight && r.cells.slice(1).some((c) => typeof c === 'string' && /[1-9]/.test(c)));

function IndicatorPanel<I extends IndicatorId>({ id, title, year, tick, chart }: { id: I; title: string; year: number; tick: number; chart: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => loadIndicator(id, year, signal), [id, year, tick]);
  const view = useMemo(() => (res.data === undefined ? null : viewOf(id, res.data, lang, t)), [id, res.data, lang, t]);
  const [exportError, setExportError] = useState<unknown>(null);
  const exp = (format: 'csv' | 'xlsx') => { setExportError(null); exportIndicator(id, year, format).catch(setExportError); };
  const filled = view !== null && hasFigures(view);

  return (
    <section className={`card indicator indicator-${id}`} aria-labelledby={`ind-${id}`} data-testid={`indicator-${id}`}>
      <header className="row">
        <h2 id={`ind-${id}`}>{title}</h2>
        <div className="btn-group" role="group" aria-label={`${t('common.export')} ${title}`}>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => exp('csv')} data-testid={`export-${id}-csv`}>{t('dashboard.exportCsv')}</button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => exp('xlsx')} data-testid={`export-${id}-xlsx`}>{t('dashboard.exportXlsx')}</button>
        </div>
      </header>
      <ErrorMessage error={res.error ?? exportError} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {view && filled && view.summary.length > 0 && (
        <dl className="summary" data-testid={`indicator-${id}-summary`}>
          {view.summary.map((s) => <div key={s.key}><dt>{s.label}</dt><dd data-testid={`indicator-${id}-${s.key}`}>{s.value}</dd></div>)}
        </dl>
      )}
      {chart && filled && view.chart && <EChart option={view.chart} label={title} testId={`chart-${id}`} height={360} />}
      {view && filled && <IndicatorTable view={view} id={id} title={title} />}
      {view && !filled && <p className="muted" data-testid={`indicator-${id}-none`}>{t('common.none')}</p>}
    </section>
  );
}

/** The table: grouped headers where columns share one, the first column sticky, scrolling sideways inside its box when wider. */
function IndicatorTable({ view, id, title }: { view: View; id: IndicatorId; title: string }) {
  const grouped = view.columns.some((c) => c.group);
  // Runs of adjacent columns with the same group become one spanning header.
  const groups: { label: string | undefined; span: number; first: number }[] = [];
  view.columns.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (last && c.group && last.label === c.group) last.span++;
    else groups.push({ label: c.group, span: 1, first: i });
  });
  const th = (c: View['columns'][number], i: number, rowSpan?: number) => (
    <th key={c.key} scope="col" rowSpan={rowSpan} className={`${c.numeric ? 'num' : ''} ${i === 0 ? 'sticky' : ''}`}>{c.label}</th>
  );
  return (
    <div className="table-scroll" data-testid={`table-${id}-scroll`}>
      <table className="table indicator-table" data-testid={`table-${id}`}>
        <caption className="sr-only">{title}</caption>
        <thead>
          {grouped ? (
            <>
              <tr>{groups.map((g) => (g.label ? <th key={`g${g.first}`} scope="colgroup" colSpan={g.span} className="group">{g.label}</th> : th(view.columns[g.first], g.first, 2)))}</tr>
              <tr>{view.columns.map((c, i) => (c.group ? th(c, i) : null))}</tr>
            </>
          ) : <tr>{view.columns.map((c, i) => th(c, i))}</tr>}
        </thead>
        <tbody>{view.rows.map((r) => (
          <tr key={r.key} className={r.highlight ? 'total' : ''}>
            {r.cells.map((cell, i) => (i === 0
              ? <th key={i} scope="row" className={`sticky ${view.columns[i]?.numeric ? 'num' : ''}`}>{cell}</th>
              : <td key={i} className={view.columns[i]?.numeric ? 'num' : ''}>{cell}</td>))}
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
