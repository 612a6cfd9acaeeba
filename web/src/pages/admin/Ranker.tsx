import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { Badge, DateText, ErrorMessage, Loading, Notice } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

const fixed = (x: number) => x.toFixed(3);

/** The learned ranker of matching: the serving model, the stored candidates with their held-back metrics, a retrain button. */
export function RankerSection() {
  const { t } = useTranslation();
  const list = useAsync((signal) => data(http.GET('/api/admin/matching/ranker', { signal })), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [promoted, setPromoted] = useState<boolean | null>(null);

  const retrain = async () => {
    setBusy(true); setError(null); setPromoted(null);
    try {
      const model = await data(http.POST('/api/admin/matching/ranker/retrain'));
      setPromoted(model.promoted);
      list.reload();
    } catch (x) { setError(x); } finally { setBusy(false); }
  };

  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorMessage error={list.error} onRetry={list.reload} />;
  const view = list.data!;
  return (
    <div className="card" data-testid="ranker-section">
      <p className="muted small">{t('admin.ranker.lead')}</p>
      <p><strong data-testid="ranker-serving">{t('admin.ranker.serving', { version: view.servingVersion })}</strong> · {t('admin.ranker.outcomes', { count: view.outcomes })}</p>
      <div className="actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void retrain()} data-testid="ranker-retrain">{t('admin.ranker.retrain')}</button>
      </div>
      <ErrorMessage error={error} testId="ranker-error" />
      {promoted !== null && <Notice kind={promoted ? 'success' : 'info'} testId="ranker-result">{t(promoted ? 'admin.ranker.promoted' : 'admin.ranker.notPromoted')}</Notice>}
      {view.models.length === 0 ? <p className="muted" data-testid="ranker-none">{t('admin.ranker.none')}</p> : (
        <table className="table" data-testid="ranker-models">
          <thead><tr>
            <th>{t('admin.ranker.version')}</th><th>{t('admin.ranker.created')}</th><th>{t('admin.ranker.samples')}</th>
            <th>{t('admin.ranker.candidate')}</th><th>{t('admin.ranker.against')}</th><th>{t('admin.ranker.state')}</th>
          </tr></thead>
          <tbody>
            {view.models.map((m) => (
              <tr key={m.id} data-testid="ranker-model" data-version={m.version}>
                <td><code>{m.version}</code></td>
                <td><DateText value={m.createdAt} /></td>
                <td>{m.trainingSamples} / {m.heldBackSamples}</td>
                <td>{fixed(m.candidateAuc)} / {fixed(m.candidateMap)}</td>
                <td><code>{m.servingVersion}</code> {fixed(m.servingAuc)} / {fixed(m.servingMap)}</td>
                <td>
                  {m.version === view.servingVersion ? <Badge tone="good">{t('admin.ranker.servingNow')}</Badge>
                    : <Badge tone={m.promoted ? 'info' : 'neutral'}>{t(m.promoted ? 'admin.ranker.promotedBadge' : 'admin.ranker.kept')}</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
