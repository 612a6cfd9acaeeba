import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { components } from '../../api/schema';
import { fittingScale, formatChange, formatNumber, formatPercent, formatScaledWithUnit, type Lang } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { pp } from './indicators';

type S = components['schemas'];

/** A headline figure of the year and of the year before; null where that year has nothing to show. */
export type Figure = { value: number | null; previous: number | null };
export type HeadlineFigures = {
  year: number; previousYear: number;
  /** Contracts recorded in the year: without them the dashboard shows the empty state, not tables of zeros. */
  hasContracts: boolean;
  contracts: Figure; turnover: Figure; countRate: Figure; amountRate: Figure;
};

/**
 * The headline from the year's field composition (every contract of the city, Table 2, which also carries the
 * two years before) and localization (the institutions' projects, Tables 3-4, with the previous year's total).
 * A year without contracts has no previous value to compare with: null, never a 0 % change.
 */
export function headlineOf(fields: S['FieldCompositionTable'], localization: S['LocalizationTable']): HeadlineFigures {
  const at = fields.years.indexOf(fields.year);
  const before = fields.years.indexOf(fields.year - 1);
  const contractsIn = (i: number) => (i >= 0 ? fields.total.contracts[i] ?? 0 : 0);
  const hasBefore = contractsIn(before) > 0;
  const { total, previousTotal } = localization;
  const rate = (pick: (f: S['LocalizationFigures']) => number): Figure => ({
    value: total.projects > 0 ? pick(total) : null,
    previous: previousTotal.projects > 0 ? pick(previousTotal) : null,
  });
  return {
    year: fields.year, previousYear: fields.year - 1, hasContracts: contractsIn(at) > 0,
    contracts: { value: contractsIn(at), previous: hasBefore ? contractsIn(before) : null },
    turnover: { value: at >= 0 ? fields.total.volume[at] ?? 0 : 0, previous: hasBefore ? fields.total.volume[before] ?? 0 : null },
    countRate: rate((f) => f.countRatePct),
    amountRate: rate((f) => f.amountRatePct),
  };
}

type Line = { key: keyof Pick<HeadlineFigures, 'contracts' | 'turnover' | 'countRate' | 'amountRate'>; value: string; change: string | null; trend: number };

/** What each headline card says: the figure, and its change on the year before (relative for counts and amounts, in points for rates). */
export function headlineLines(h: HeadlineFigures, lang: Lang, t: TFunction): Line[] {
  const relative = (f: Figure) => (f.value !== null && f.previous ? f.value / f.previous - 1 : null);
  const points = (f: Figure) => (f.value !== null && f.previous !== null ? f.value - f.previous : null);
  const change = (f: Figure, delta: number | null, text: (d: number) => string) => {
    if (f.value === null) return null;
    if (delta === null) return t('board.noPrevious', { year: h.previousYear });
    return t('board.changeOn', { year: h.previousYear, change: text(delta) });
  };
  const line = (key: Line['key'], value: string, delta: number | null, text: (d: number) => string): Line =>
    ({ key, value, change: change(h[key], delta, text), trend: delta ?? 0 });
  const rate = (f: Figure) => (f.value === null ? '—' : formatPercent(f.value / 100, lang));
  return [
    line('contracts', formatNumber(h.contracts.value, lang), relative(h.contracts), (d) => formatChange(d, lang)),
    line('turnover', formatScaledWithUnit(h.turnover.value, fittingScale(h.turnover.value, lang), lang), relative(h.turnover), (d) => formatChange(d, lang)),
    line('countRate', rate(h.countRate), points(h.countRate), (d) => pp(d, lang, t)),
    line('amountRate', rate(h.amountRate), points(h.amountRate), (d) => pp(d, lang, t)),
  ];
}

/** The headline row: contracts, turnover and the two local rates of the year, each with its change on the year before. */
export function Headline({ figures }: { figures: HeadlineFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="headline" aria-labelledby="headline-title" data-testid="dashboard-headline">
      <h2 id="headline-title" className="sr-only">{t('board.headline', { year: figures.year })}</h2>
      <div className="headline-cards">
        {headlineLines(figures, lang, t).map((l) => (
          <div key={l.key} className="headline-card" data-testid={`headline-${l.key}`}>
            <span className="headline-label">{t(`board.${l.key}`)}</span>
            <strong className="headline-value" data-testid={`headline-${l.key}-value`}>{l.value}</strong>
            <span className={`headline-change ${l.trend > 0 ? 'up' : l.trend < 0 ? 'down' : ''}`} data-testid={`headline-${l.key}-change`}>
              {l.change ?? t('board.noInstitutions')}
            </span>
          </div>
        ))}
      </div>
      <p className="muted small headline-scope">{t('board.scope')}</p>
    </section>
  );
}

/** A year without contracts: one message, the way to import them, and the latest year that has some. */
export function EmptyYear({ year, latest, importLink, latestLink }: { year: number; latest: number | null; importLink: string; latestLink: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="card empty-year" data-testid="dashboard-empty" aria-labelledby="empty-year-title">
      <svg className="empty-year-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
        <rect x="6" y="26" width="8" height="14" rx="1.5" /><rect x="20" y="18" width="8" height="22" rx="1.5" /><rect x="34" y="10" width="8" height="30" rx="1.5" />
      </svg>
      <h2 id="empty-year-title">{t('board.emptyTitle', { year })}</h2>
      <p className="muted">{t('board.emptyText')}</p>
      <p className="empty-year-actions">
        <Link className="btn btn-primary" to={importLink} data-testid="dashboard-empty-import">{t('board.emptyImport')}</Link>
        {latest !== null && latestLink && <Link className="btn" to={latestLink} data-testid="dashboard-empty-latest">{t('board.emptyLatest', { year: latest })}</Link>}
      </p>
    </section>
  );
}
