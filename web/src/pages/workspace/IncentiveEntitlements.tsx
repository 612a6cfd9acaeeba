import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { Amount, ErrorMessage, Loading, Notice } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

type S = components['schemas'];
type Scheme = S['IncentiveSchemeSummary'];

/**
 * An adopted scheme's entitlements (docs/programmes.md): adopt a revision from a day, compute the next quarter, approve or
 * reject each beneficiary's entitlement (a rejection needs a reason), or approve a whole quarter.
 */
export function IncentiveEntitlements({ scheme, onChanged }: { scheme: Scheme; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [period, setPeriod] = useState<string | undefined>();
  const view = useAsync((signal) => data(http.GET('/api/incentive-schemes/{id}/entitlements', { params: { path: { id: scheme.id }, query: { period } }, signal })), [scheme.id, period]);
  const [revision, setRevision] = useState(scheme.adoptedRevision ?? scheme.revision);
  const [from, setFrom] = useState(scheme.adoptedFrom ?? `${new Date().getFullYear()}-01-01`);
  const [rejecting, setRejecting] = useState<{ id: string; reason: string } | null>(null);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);
  const path = { id: scheme.id };
  const act = async (run: () => Promise<unknown>, message: string) => {
    setError(undefined); setDone(null);
    try { await run(); setDone(message); view.reload(); } catch (x) { setError(x); }
  };
  const adopt = () => act(async () => {
    await data(http.PUT('/api/incentive-schemes/{id}/adoption', { params: { path }, body: { revision, effectiveFrom: from, version: scheme.version } }));
    onChanged();
  }, t('incentives.entitlements.adopted', { revision }));
  const compute = (p: string) => act(async () => {
    const v = await data(http.POST('/api/incentive-schemes/{id}/entitlements', { params: { path }, body: { period: p } }));
    setPeriod(v.period ?? undefined);
    onChanged();
  }, t('incentives.entitlements.computed', { period: p }));
  const decide = (e: S['EntitlementView'], approve: boolean, reason?: string) => act(async () => {
    await data(http.POST('/api/incentive-schemes/{id}/entitlements/{entitlementId}/decision', {
      params: { path: { id: scheme.id, entitlementId: e.id } }, body: { approve, reason: reason ?? null, version: e.version },
    }));
    setRejecting(null);
  }, approve ? t('incentives.entitlements.approvedOne') : t('incentives.entitlements.rejectedOne'));
  const approveAll = (p: string) => act(() => data(http.POST('/api/incentive-schemes/{id}/entitlements/{period}/approval', { params: { path: { id: scheme.id, period: p } } })),
    t('incentives.entitlements.approvedAll', { period: p }));
  const v = view.data;

  return (
    <section className="card" aria-labelledby="entitlements-title" data-testid="incentive-entitlements">
      <h2 id="entitlements-title">{t('incentives.entitlements.title', { name: scheme.name })}</h2>
      <p className="muted">{t('incentives.entitlements.intro')}</p>
      <ErrorMessage error={view.error ?? error} onRetry={view.reload} />
      {done && <Notice kind="success" testId="entitlements-done">{done}</Notice>}
      <div className="row">
        <label>{t('incentives.entitlements.revision')} <select value={revision} onChange={(e) => setRevision(Number(e.target.value))} data-testid="adopt-revision">
          {Array.from({ length: scheme.revision }, (_, i) => scheme.revision - i).map((r) => <option key={r} value={r}>r{r}</option>)}</select></label>
        <label>{t('incentives.entitlements.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="adopt-from" /></label>
        <button type="button" className="btn" onClick={adopt} data-testid="adopt-scheme">
          {scheme.adoptedRevision ? t('incentives.entitlements.readopt') : t('incentives.entitlements.adopt')}</button>
      </div>
      {v?.adoptedRevision ? (
        <p data-testid="adoption">{t('incentives.entitlements.adoption', { revision: v.adoptedRevision, from: v.adoptedFrom })}
          {v.computedThrough ? ` ${t('incentives.entitlements.computedThrough', { period: v.computedThrough })}` : ''}
          {' '}{v.nextPeriod
            ? <button type="button" className="btn btn-primary btn-small" onClick={() => compute(v.nextPeriod!)} data-testid="compute-next">
              {t('incentives.entitlements.compute', { period: v.nextPeriod })}</button>
            : <span className="muted">{t('incentives.entitlements.upToDate')}</span>}
        </p>
      ) : <p className="muted" data-testid="adoption">{t('incentives.entitlements.notAdopted')}</p>}
      {view.loading && !v ? <Loading /> : null}
      {v && v.periods.length > 0 && (
        <div className="table-scroll"><table className="table" data-testid="entitlement-periods">
          <caption>{t('incentives.entitlements.periods')}</caption>
          <thead><tr><th scope="col">{t('incentives.entitlements.period')}</th><th scope="col" className="num">{t('incentives.revision')}</th>
            <th scope="col" className="num">{t('incentives.beneficiaries')}</th><th scope="col" className="num">{t('incentives.entitlements.pending')}</th>
            <th scope="col" className="num">{t('incentives.entitlements.approved')}</th><th scope="col" className="num">{t('incentives.entitlements.rejected')}</th><th scope="col" /></tr></thead>
          <tbody>{v.periods.map((p) => (
            <tr key={p.period} aria-current={p.period === v.period ? 'true' : undefined} data-testid="entitlement-period">
              <th scope="row"><button type="button" className="link-button" onClick={() => setPeriod(p.period)}>{p.period}</button></th>
              <td className="num">r{p.revision}</td><td className="num">{p.beneficiaries}</td>
              <td className="num"><Amount value={p.pending} /></td><td className="num"><Amount value={p.approved} /></td><td className="num"><Amount value={p.rejected} /></td>
              <td className="btn-group">
                {p.pending > 0 && <button type="button" className="btn btn-small" onClick={() => approveAll(p.period)} data-testid="approve-period">{t('incentives.entitlements.approveAll')}</button>}
                {p.pending === p.amount && p.period === v.periods[0]?.period
                  && <button type="button" className="btn btn-small btn-ghost" onClick={() => compute(p.period)} data-testid="recompute-period">{t('incentives.entitlements.recompute')}</button>}
              </td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {v?.period && (
        <div className="table-scroll"><table className="table" data-testid="entitlement-rows">
          <caption>{t('incentives.entitlements.ofPeriod', { period: v.period })}</caption>
          <thead><tr><th scope="col">{t('incentives.entitlements.beneficiary')}</th><th scope="col" className="num">{t('incentives.contracts')}</th>
            <th scope="col" className="num">{t('incentives.entitlements.earnedToDate')}</th><th scope="col" className="num">{t('incentives.entitlements.amount')}</th>
            <th scope="col">{t('incentives.entitlements.state')}</th><th scope="col" /></tr></thead>
          <tbody>{v.entitlements.map((e) => (
            <tr key={e.id} data-testid="entitlement-row">
              <th scope="row">{lang === 'en' ? e.nameEn : e.nameZh}</th><td className="num">{e.contractsToDate}</td>
              <td className="num"><Amount value={e.earnedToDate} /></td><td className="num"><Amount value={e.amount} /></td>
              <td data-testid="entitlement-state">{t(`incentives.entitlements.states.${e.state}`)}
                {e.reason && <span className="muted"> · {e.reason}</span>}{e.decidedAt && <span className="muted"> · {formatDateTime(e.decidedAt, lang)}</span>}</td>
              <td>{e.state === 'Pending' && (rejecting?.id === e.id ? (
                <span className="btn-group">
                  <input aria-label={t('incentives.entitlements.reason')} placeholder={t('incentives.entitlements.reason')} value={rejecting.reason}
                    onChange={(x) => setRejecting({ id: e.id, reason: x.target.value })} data-testid="reject-reason" />
                  <button type="button" className="btn btn-small btn-danger" onClick={() => decide(e, false, rejecting.reason)} data-testid="reject-confirm">{t('incentives.entitlements.reject')}</button>
                </span>
              ) : (
                <span className="btn-group">
                  <button type="button" className="btn btn-small" onClick={() => decide(e, true)} data-testid="approve-entitlement">{t('incentives.entitlements.approve')}</button>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setRejecting({ id: e.id, reason: '' })} data-testid="reject-entitlement">{t('incentives.entitlements.reject')}</button>
                </span>
              ))}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
    </section>
  );
}
