import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { guidelines, type DemandCluster } from '../../api/guidelines';
import { Amount, Badge, ErrorMessage, Loading, Notice } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

/** The bureau's unmet local needs clustered by field and text, turned into draft guideline topics (项目指南) and exported. */
export function GuidelinesPage() {
  const { t } = useTranslation();
  const [minAge, setMinAge] = useState(90);
  const [threshold, setThreshold] = useState(0.3);
  const year = new Date().getFullYear() + 1;
  const clusters = useAsync((s) => guidelines.clusters(minAge, threshold, s), [minAge, threshold]);
  const topics = useAsync((s) => guidelines.topics(year, s), [year]);
  const [error, setError] = useState<unknown>(null);
  const act = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      topics.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="page" aria-labelledby="guidelines-title" data-testid="guidelines-page">
      <header className="page-header">
        <h1 id="guidelines-title">{t('guidelines.title')}</h1>
        <p className="muted">{t('guidelines.lead')}</p>
      </header>
      <div className="toolbar">
        <label>{t('guidelines.minAge')}{' '}
          <select value={minAge} onChange={(e) => setMinAge(Number(e.target.value))} data-testid="clusters-min-age">
            {[0, 30, 90, 180, 365].map((d) => <option key={d} value={d}>{t('guidelines.days', { count: d })}</option>)}
          </select>
        </label>
        <label>{t('guidelines.similarity')}{' '}
          <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} data-testid="clusters-threshold">
            {[0.2, 0.3, 0.4, 0.5].map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
      </div>
      <ErrorMessage error={clusters.error} onRetry={clusters.reload} />
      {clusters.loading && !clusters.data ? <Loading /> : null}
      {clusters.data && (
        <p className="muted" data-testid="clusters-summary">
          {t('guidelines.summary', { needs: clusters.data.unmetNeeds, clusters: clusters.data.clusters.length, singletons: clusters.data.singletons })}
        </p>
      )}
      <ul className="card-list" data-testid="clusters">
        {(clusters.data?.clusters ?? []).map((c) => (
          <ClusterCard key={c.needs[0].id} c={c} year={year} onDraft={(title) => act(() => guidelines.draft({
            title, field: c.field, year, summary: t('guidelines.draftSummary', { needs: c.needs.length, firms: c.firms.length }), needIds: c.needs.map((n) => n.id),
          }))} />
        ))}
      </ul>
      <ErrorMessage error={error} />

      <section aria-labelledby="topics-title" className="card" data-testid="guideline-topics">
        <h2 id="topics-title">{t('guidelines.topics', { year })}</h2>
        <button type="button" className="btn btn-small" onClick={() => act(() => guidelines.export(year))} data-testid="topics-export">{t('guidelines.export')}</button>{' '}
        <button type="button" className="btn btn-small" onClick={() => act(() => guidelines.export(year, 'pdf'))} data-testid="topics-export-pdf">{t('callExtras.cluster.exportPdf')}</button>{' '}
        <button type="button" className="btn btn-small" onClick={() => act(() => guidelines.export(year, 'docx'))} data-testid="topics-export-docx">{t('callConsent.exportDocx')}</button>
        <ErrorMessage error={topics.error} onRetry={topics.reload} />
        {topics.data && (topics.data.length === 0 ? <p className="empty">{t('guidelines.noTopics')}</p> : (
          <table className="table">
            <thead><tr><th scope="col">{t('guidelines.topic')}</th><th scope="col">{t('validation.field')}</th><th scope="col">{t('guidelines.coFunders')}</th><th scope="col">{t('guidelines.budget')}</th><th scope="col">{t('guidelines.status')}</th><th scope="col" /></tr></thead>
            <tbody>
              {topics.data.map((topic) => (
                <tr key={topic.id} data-testid="guideline-topic">
                  <td>{topic.title}</td>
                  <td>{t(`field.${topic.field}`)}</td>
                  <td>{topic.coFunders.map((f) => f.name).join('、')}</td>
                  <td><Amount value={topic.combinedBudget} /></td>
                  <td><Badge tone={topic.status === 'Adopted' ? 'good' : topic.status === 'Dropped' ? 'bad' : 'info'}>{t(`guidelines.statuses.${topic.status}`)}</Badge></td>
                  <td>
                    {topic.status !== 'Adopted' && <button type="button" className="btn btn-small" onClick={() => act(() => guidelines.setStatus(topic.id, 'Adopted', topic.version))}>{t('guidelines.adopt')}</button>}
                    {topic.status !== 'Dropped' && <button type="button" className="btn btn-small btn-ghost" onClick={() => act(() => guidelines.setStatus(topic.id, 'Dropped', topic.version))}>{t('guidelines.drop')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </section>
  );
}

function ClusterCard({ c, year, onDraft }: { c: DemandCluster; year: number; onDraft: (title: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(c.terms.slice(0, 3).join(''));
  const [drafted, setDrafted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  return (
    <li className="card stack" data-testid="cluster">
      <h2>{t(`field.${c.field}`)} · {c.terms.join(' / ')}</h2>
      <p className="badges">
        <Badge tone="info">{t('guidelines.needCount', { count: c.needs.length })}</Badge>
        <Badge>{t('guidelines.firmCount', { count: c.firms.length })}</Badge>
        <Badge tone="good">{t('guidelines.budget')} <Amount value={c.combinedBudget} /></Badge>
      </p>
      <ul className="small">
        {c.needs.map((n) => <li key={n.id}><Link to={`/needs/${n.id}`}>{n.title}</Link> · {n.firm} · <Amount value={n.budget} /></li>)}
      </ul>
      {c.closestInstitutions.length > 0 && (
        <p className="small">{t('guidelines.closest')}: {c.closestInstitutions.map((i) => t('guidelines.institution', { name: i.name, needs: i.needsCovered })).join('；')}</p>
      )}
      {drafted ? <Notice kind="success">{t('guidelines.drafted', { year })}</Notice> : (
        <div className="inline-form">
          <label>{t('guidelines.topic')} <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="cluster-topic-title" /></label>
          <button type="button" className="btn btn-small btn-primary" data-testid="cluster-draft"
            onClick={async () => { await onDraft(title); setDrafted(true); }}>{t('guidelines.draft')}</button>
          <button type="button" className="btn btn-small" data-testid="cluster-call" disabled={busy}
            onClick={async () => {
              setBusy(true); setError(null);
              try { const call = await guidelines.draftCall(c.needs.map((n) => n.id), title.trim() || null); navigate(`/calls/${call.id}`); }
              catch (e) { setError(e); setBusy(false); }
            }}>{t('callExtras.cluster.toCall')}</button>
        </div>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}
