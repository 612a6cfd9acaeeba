import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { Amount, ErrorMessage } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

/** The incentive entitlements owed to the reader's organisation (or to the reader, as a technology manager), quarter by quarter. */
export function MyEntitlements() {
  const { t } = useTranslation();
  const mine = useAsync((signal) => data(http.GET('/api/incentive-entitlements/mine', { signal })), []);
  if (!mine.error && !mine.data?.length) return null;
  return (
    <section className="card" aria-labelledby="my-entitlements-title" data-testid="my-entitlements">
      <h2 id="my-entitlements-title">{t('incentives.mine.title')}</h2>
      <p className="muted">{t('incentives.mine.intro')}</p>
      <ErrorMessage error={mine.error} onRetry={mine.reload} />
      <div className="table-scroll"><table className="table">
        <thead><tr><th scope="col">{t('incentives.mine.scheme')}</th><th scope="col">{t('incentives.entitlements.period')}</th>
          <th scope="col" className="num">{t('incentives.contracts')}</th><th scope="col" className="num">{t('incentives.entitlements.earnedToDate')}</th>
          <th scope="col" className="num">{t('incentives.entitlements.amount')}</th><th scope="col">{t('incentives.entitlements.state')}</th></tr></thead>
        <tbody>{(mine.data ?? []).map((e) => (
          <tr key={e.id} data-testid="my-entitlement">
            <th scope="row">{e.schemeName}</th><td>{e.period}</td><td className="num">{e.contractsToDate}</td>
            <td className="num"><Amount value={e.earnedToDate} /></td><td className="num"><Amount value={e.amount} /></td>
            <td>{t(`incentives.entitlements.states.${e.state}`)}{e.reason && <span className="muted"> · {e.reason}</span>}</td>
          </tr>
        ))}</tbody>
      </table></div>
    </section>
  );
}
