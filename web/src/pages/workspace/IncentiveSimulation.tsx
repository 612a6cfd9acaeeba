import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { Amount } from '../../components/ui';
import { formatNumber, formatPercent, type Lang } from '../../lib/format';
import { useLang } from '../../lib/hooks';

type S = components['schemas'];
export type Simulation = S['IncentiveSimulation'];

const pct = (v: number, lang: Lang) => formatPercent(v / 100, lang, 2);
const name = (zh: string, en: string, lang: Lang) => (lang === 'en' && en ? en : zh);

/** The scenario, always labelled as one: the bureau's assumption, the local rate it implies and what it would cost. */
export function ScenarioBox({ scenario }: { scenario: NonNullable<Simulation['scenario']> }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="notice notice-warning" data-testid="incentive-scenario">
      <strong>{t('incentives.scenario.title')}</strong>{' '}
      {t('incentives.scenario.assumption', { share: formatNumber(scenario.switchSharePct, lang) })}
      <dl className="summary">
        <div><dt>{t('incentives.scenario.countRate')}</dt><dd data-testid="scenario-count-rate">{pct(scenario.baseline.countRatePct, lang)} → {pct(scenario.assumed.countRatePct, lang)}</dd></div>
        <div><dt>{t('incentives.scenario.amountRate')}</dt><dd>{pct(scenario.baseline.amountRatePct, lang)} → {pct(scenario.assumed.amountRatePct, lang)}</dd></div>
        <div><dt>{t('incentives.scenario.switched')}</dt><dd>{formatNumber(scenario.switchedContracts, lang)}</dd></div>
        <div><dt>{t('incentives.scenario.extraCost')}</dt><dd data-testid="scenario-extra-cost"><Amount value={scenario.extraCost} /></dd></div>
      </dl>
    </div>
  );
}

/** One simulation: the cost, whom it reaches, and how it is spread over fields and amount bands. */
export function SimulationResult({ simulation: s }: { simulation: Simulation }) {
  const { t } = useTranslation();
  const lang = useLang();
  const band = (b: S['BandPayout']) => (b.to == null ? t('incentives.bandAbove', { from: formatNumber(b.from / 10_000, lang) })
    : t('incentives.band', { from: formatNumber(b.from / 10_000, lang), to: formatNumber(b.to / 10_000, lang) }));
  return (
    <section className="card" aria-labelledby="sim-title" data-testid="incentive-simulation">
      <h2 id="sim-title">{t('incentives.resultTitle', { name: s.name, revision: s.revision, year: s.year })}</h2>
      <dl className="summary">
        <div><dt>{t('incentives.cost')}</dt><dd data-testid="simulation-cost"><Amount value={s.cost} /></dd></div>
        <div><dt>{t('incentives.uncapped')}</dt><dd><Amount value={s.uncappedCost} /></dd></div>
        <div><dt>{t('incentives.beneficiaries')}</dt><dd data-testid="simulation-beneficiaries">{formatNumber(s.beneficiaries, lang)}</dd></div>
        <div><dt>{t('incentives.contracts')}</dt><dd>{formatNumber(s.contracts, lang)}</dd></div>
      </dl>
      {s.cappedInTotal && <p className="muted small" data-testid="simulation-capped">{t('incentives.cappedInTotal')}</p>}
      {s.scenario && <ScenarioBox scenario={s.scenario} />}
      <div className="table-scroll">
        <table className="table" data-testid="simulation-beneficiaries-table">
          <caption>{t('incentives.topBeneficiaries')}</caption>
          <thead><tr><th scope="col">{t('incentives.beneficiary')}</th><th scope="col" className="num">{t('incentives.contracts')}</th>
            <th scope="col" className="num">{t('incentives.amount')}</th><th scope="col" className="num">{t('incentives.uncapped')}</th><th scope="col" className="num">{t('incentives.paid')}</th></tr></thead>
          <tbody>{s.topBeneficiaries.slice(0, 20).map((b) => (
            <tr key={b.id}><th scope="row">{name(b.nameZh, b.nameEn, lang)}</th><td className="num">{formatNumber(b.contracts, lang)}</td>
              <td className="num"><Amount value={b.amount} /></td><td className="num"><Amount value={b.uncapped} /></td><td className="num"><Amount value={b.paid} /></td></tr>
          ))}</tbody>
        </table>
      </div>
      <div className="grid-2">
        <table className="table" data-testid="simulation-fields">
          <caption>{t('incentives.byField')}</caption>
          <thead><tr><th scope="col">{t('incentives.fieldColumn')}</th><th scope="col" className="num">{t('incentives.contracts')}</th><th scope="col" className="num">{t('incentives.paid')}</th></tr></thead>
          <tbody>{s.byField.map((f) => (
            <tr key={f.field}><th scope="row">{t(`field.${f.field}`)}</th><td className="num">{formatNumber(f.contracts, lang)}</td><td className="num"><Amount value={f.paid} /></td></tr>
          ))}</tbody>
        </table>
        <table className="table" data-testid="simulation-bands">
          <caption>{t('incentives.byBand')}</caption>
          <thead><tr><th scope="col">{t('incentives.bandColumn')}</th><th scope="col" className="num">{t('incentives.contracts')}</th><th scope="col" className="num">{t('incentives.paid')}</th></tr></thead>
          <tbody>{s.byBand.map((b) => (
            <tr key={b.band}><th scope="row">{band(b)}</th><td className="num">{formatNumber(b.contracts, lang)}</td><td className="num"><Amount value={b.paid} /></td></tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}

/** Two simulations side by side, figure by figure. */
export function ComparisonTable({ first, second }: { first: Simulation; second: Simulation }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: { key: string; value: (s: Simulation) => React.ReactNode }[] = [
    { key: 'cost', value: (s) => <Amount value={s.cost} /> },
    { key: 'uncapped', value: (s) => <Amount value={s.uncappedCost} /> },
    { key: 'beneficiaries', value: (s) => formatNumber(s.beneficiaries, lang) },
    { key: 'contracts', value: (s) => formatNumber(s.contracts, lang) },
    { key: 'assumedRate', value: (s) => (s.scenario ? pct(s.scenario.assumed.countRatePct, lang) : '—') },
    { key: 'extraCost', value: (s) => (s.scenario ? <Amount value={s.scenario.extraCost} /> : '—') },
  ];
  return (
    <table className="table" data-testid="incentive-comparison">
      <caption>{t('incentives.compareTitle')}</caption>
      <thead><tr><th scope="col" />{[first, second].map((s, i) => <th key={i} scope="col" className="num">{s.name} (r{s.revision})</th>)}</tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.key}><th scope="row">{t(`incentives.compare.${r.key}`)}</th><td className="num">{r.value(first)}</td><td className="num">{r.value(second)}</td></tr>
      ))}</tbody>
    </table>
  );
}
