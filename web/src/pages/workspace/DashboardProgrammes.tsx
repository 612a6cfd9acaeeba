import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ErrorMessage } from '../../components/ui';
import { formatNumber, formatPercent } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { big, onTrack, TargetProgress } from './Targets';

/**
 * The dashboard's view of the bureau's programmes (docs/programmes.md): each scheme simulated on the year's contracts with
 * its cost and the local rate its stated scenario assumes, and the current year's institution targets against the run rate, one
 * institution's month by month (against its target, the paper's baseline and the forecast; the first with a target unless chosen).
 */
export function DashboardProgrammes({ year, tick }: { year: number; tick: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Only cached simulations: a million-contract year computes slower than the dashboard's budget, so a miss is computed
  // in the background and the card asks again until every row is ready.
  const sims = useAsync(async (signal) => {
    const schemes = await data(http.GET('/api/incentive-schemes', { signal }));
    return Promise.all(schemes.slice(0, 4).map(async (s) => ({
      id: s.id, name: s.name,
      sim: (await data(http.GET('/api/incentive-schemes/{id}/simulation/cached', { params: { path: { id: s.id }, query: { year } }, signal }))).simulation ?? null,
    })));
  }, [year, tick]);
  const pending = (sims.data ?? []).some((s) => !s.sim);
  const { reload } = sims;
  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setTimeout(reload, 2000);
    return () => window.clearTimeout(timer);
  }, [pending, reload, sims.data]);
  const thisYear = new Date().getFullYear();
  const targets = useAsync((signal) => data(http.GET('/api/institution-targets', { params: { query: { year: thisYear } }, signal })), [thisYear, tick]);
  const pct = (v: number) => formatPercent(v / 100, lang, 1);
  const [chosen, setChosen] = useState('');
  const shown = chosen || targets.data?.[0]?.institution.id;
  const onTrackCount = (targets.data ?? []).filter(onTrack).length;
  return (
    <section className="card indicator" aria-labelledby="programmes-title" data-testid="dashboard-programmes">
      <header className="row">
        <h2 id="programmes-title">{t('incentives.dashboardTitle', { year })}</h2>
        <Link to="/workspace/incentives">{t('incentives.nav')}</Link>
      </header>
      <ErrorMessage error={sims.error ?? targets.error} onRetry={sims.reload} />
      {sims.data && sims.data.length > 0 && (
        <div className="table-scroll">
          <table className="table schemes-table" data-testid="dashboard-schemes">
            <thead><tr><th scope="col">{t('incentives.name')}</th><th scope="col" className="num">{t('incentives.cost')}</th>
              <th scope="col" className="num">{t('incentives.beneficiaries')}</th><th scope="col" className="num">{t('incentives.dashboardAssumed')}</th></tr></thead>
            <tbody>{sims.data.map(({ id, name, sim: s }) => (s ? (
              <tr key={id} data-testid="dashboard-scheme">
                <th scope="row">{s.name}</th><td className="num" data-testid="dashboard-scheme-cost">{big(s.cost, lang)}</td><td className="num">{formatNumber(s.beneficiaries, lang)}</td>
                <td className="num">{s.scenario
                  ? t('incentives.dashboardScenario', { share: formatNumber(s.scenario.switchSharePct, lang), from: pct(s.scenario.baseline.countRatePct), to: pct(s.scenario.assumed.countRatePct) })
                  : '—'}</td>
              </tr>
            ) : (
              <tr key={id} data-testid="dashboard-scheme-computing">
                <th scope="row">{name}</th><td colSpan={3} className="muted" title={t('simulationCache.computingHint')}>{t('simulationCache.computing')}</td>
              </tr>
            )))}</tbody>
          </table>
        </div>
      )}
      {sims.data && sims.data.length === 0 && <p className="muted">{t('incentives.noneYet')}</p>}
      <p className="muted small">{t('incentives.scenario.label')}</p>
      {targets.data && targets.data.length > 0 && (
        <p data-testid="dashboard-targets">
          {t('targets.dashboard', { year: thisYear, count: targets.data.length, onTrack: onTrackCount })} <Link to="/workspace/targets">{t('targets.nav')}</Link>
        </p>
      )}
      {targets.data && targets.data.length > 0 && (
        <label className="progress-pick">{t('targets.dashboardPick')} <select value={shown} onChange={(e) => setChosen(e.target.value)} data-testid="dashboard-target-institution">
          {targets.data.map((s) => <option key={s.institution.id} value={s.institution.id}>{lang === 'en' && s.institution.nameEn ? s.institution.nameEn : s.institution.nameZh}</option>)}
        </select></label>
      )}
      {shown && <TargetProgress institution={shown} year={thisYear} />}
    </section>
  );
}
