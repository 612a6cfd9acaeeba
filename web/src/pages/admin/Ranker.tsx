import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { Badge, DateText, ErrorMessage, Loading, Notice } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

const fixed = (x: number) => x.toFixed(3);
const percent = (x: number) => `${(x * 100).toFixed(0)}%`;

/** The learned ranker of matching: the serving model, the stored candidates with their held-back metrics, a retrain button. */
export function RankerSection() {
  const { t } = useTranslation();
  const list = useAsync((signal) => data(http.GET('/api/admin/matching/ranker', { signal })), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<'promoted' | 'notPromoted' | 'notPromotedProposes' | null>(null);

  const retrain = async () => {
    setBusy(true); setError(null); setResult(null);
    try {
      const model = await data(http.POST('/api/admin/matching/ranker/retrain'));
      // Refused for proposing fewer of the pairs taken up, though it ranks them better (the server's promotion rule).
      const proposesFewer = model.candidateProposed != null && model.servingProposed != null && model.candidateProposed < model.servingProposed;
      setResult(model.promoted ? 'promoted' : proposesFewer ? 'notPromotedProposes' : 'notPromoted');
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
      {result !== null && <Notice kind={result === 'promoted' ? 'success' : 'info'} testId="ranker-result">{t(`admin.ranker.${result}`)}</Notice>}
      {view.models.length === 0 ? <p className="muted" data-testid="ranker-none">{t('admin.ranker.none')}</p> : (
        <table className="table" data-testid="ranker-models">
          <thead><tr>
            <th>{t('admin.ranker.version')}</th><th>{t('admin.ranker.created')}</th><th>{t('admin.ranker.samples')}</th>
            <th>{t('admin.ranker.candidate')}</th><th>{t('admin.ranker.against')}</th><th>{t('admin.ranker.proposed')}</th><th>{t('admin.ranker.state')}</th>
          </tr></thead>
          <tbody>
            {view.models.map((m) => (
              <tr key={m.id} data-testid="ranker-model" data-version={m.version}>
                <td><code>{m.version}</code></td>
                <td><DateText value={m.createdAt} /></td>
                <td>{m.trainingSamples} / {m.heldBackSamples}</td>
                <td>{fixed(m.candidateAuc)} / {fixed(m.candidateMap)}</td>
                <td><code>{m.servingVersion}</code> {fixed(m.servingAuc)} / {fixed(m.servingMap)}</td>
                <td data-testid="ranker-proposed">
                  {m.candidateProposed == null || m.servingProposed == null ? <span className="muted">{t('admin.ranker.notMeasured')}</span>
                    : <>{percent(m.candidateProposed)} <span className="muted small">{t('admin.ranker.proposedThen', { share: percent(m.servingProposed) })}</span></>}
                </td>
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
