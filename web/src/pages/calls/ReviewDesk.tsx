import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { Badge, ErrorMessage, Loading, Notice } from '../../components/ui';
import { formatAmount, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { stateTone } from './CallsList';

type Review = components['schemas']['ReviewView'];
type Item = Review['proposals'][number];

/** A reviewer's scoring page: every proposal on the desk, scores per criterion with remarks, conflicts, finishing. */
export function ReviewDesk() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => data(http.GET('/api/calls/{id}/review', { params: { path: { id } }, signal })), [id]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const r = res.data;
  if (res.error) return <section className="page"><ErrorMessage error={res.error} /></section>;
  if (!r) return <section className="page"><Loading /></section>;
  const finish = async () => {
    setError(null);
    try { res.setData(await data(http.POST('/api/calls/{id}/review/finish', { params: { path: { id } }, body: { version: r.version } }))); } catch (err) { setError(err); }
  };
  const open = r.state === 'Open' && !r.finishedAt;
  // A conflict found while reading a proposal: its organisation leaves the desk (and any score given to it is withdrawn).
  const declare = async (organisationId: string) => {
    setError(null);
    try {
      res.setData(await data(http.POST('/api/calls/{id}/review/conflicts', {
        params: { path: { id } }, body: { organisationIds: [...r.conflictOrganisationIds, organisationId], version: r.version },
      })));
    } catch (err) { setError(err); }
  };
  return (
    <section className="page" aria-labelledby="review-title" data-testid="review-desk">
      <h1 id="review-title">{t('calls.reviewTitle', { title: r.title })}</h1>
      <p className="meta"><Badge tone={stateTone(r.state)} testId="review-state" value={r.state}>{t(`calls.state.${r.state}`)}</Badge> {t('calls.deadline')}: {formatDateTime(r.deadline, lang)}</p>
      {r.excluded > 0 && <Notice testId="review-excluded">{t('calls.excluded', { count: r.excluded })}</Notice>}
      {r.finishedAt && <Notice kind="success" testId="review-finished">{t('calls.finished', { at: formatDateTime(r.finishedAt, lang) })}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorMessage error={error} />
      {open && <p className="muted">{t('calls.conflictHint')}</p>}
      {r.proposals.map((item, i) => (
        <ScoreCard key={item.proposal.id} index={i} callId={id} review={r} item={item} editable={open}
          onSaved={() => { setNotice(t('calls.scoreSaved')); res.reload(); }} onConflict={() => declare(item.proposal.organisation.id)} />
      ))}
      {open && <button type="button" className="btn btn-primary" onClick={finish} data-testid="review-finish">{t('calls.finish')}</button>}
    </section>
  );
}

function ScoreCard({ index, callId, review, item, editable, onSaved, onConflict }: {
  index: number; callId: string; review: Review; item: Item; editable: boolean; onSaved: () => void; onConflict: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [scores, setScores] = useState<number[]>(() => review.criteria.map((_, c) => item.mine?.scores.find((s) => s.criterion === c)?.score ?? 0));
  const [remarks, setRemarks] = useState(item.mine?.remarks ?? '');
  const [error, setError] = useState<unknown>(null);
  const p = item.proposal;
  const save = async () => {
    setError(null);
    try {
      await data(http.PUT('/api/calls/{id}/proposals/{proposalId}/score', {
        params: { path: { id: callId, proposalId: p.id } },
        body: { scores: scores.map((score, criterion) => ({ criterion, score })), remarks: remarks || null, version: item.mine?.version ?? 0 },
      }));
      onSaved();
    } catch (err) { setError(err); }
  };
  return (
    <article className="card" data-testid={`review-item-${index}`}>
      <h2>{p.organisation.name}</h2>
      <p className="muted">{t('calls.price')}: {formatAmount(p.price, lang)} · {t('calls.team')}: {p.team}</p>
      <p className="prose">{p.approach}</p>
      <ul>{p.milestones.map((m, i) => <li key={i}>{m.title} ({t('calls.month')} {m.month})</li>)}</ul>
      <table className="table"><tbody>
        {review.criteria.map((c, ci) => (
          <tr key={ci}>
            <td>{c.name} ({t('calls.weight')} {c.weight})</td>
            <td><input type="number" min={0} max={100} aria-label={`${c.name} ${t('calls.score')}`} disabled={!editable} value={scores[ci]}
              onChange={(e) => setScores(scores.map((s, j) => (j === ci ? Number(e.target.value) : s)))} data-testid={`score-${index}-${ci}`} /></td>
          </tr>
        ))}
      </tbody></table>
      <label htmlFor={`remarks-${index}`}>{t('calls.remarks')}</label>
      <textarea id={`remarks-${index}`} rows={2} disabled={!editable} value={remarks} onChange={(e) => setRemarks(e.target.value)} data-testid={`remarks-${index}`} />
      {item.mine && <p className="muted">{t('calls.weighted', { score: formatNumber(item.mine.weighted, lang) })}</p>}
      {item.others && <p data-testid="others-scores">{t('calls.othersScores')}: {item.others.map((o) => formatNumber(o.weighted, lang)).join(' / ')}</p>}
      <ErrorMessage error={error} />
      {editable && <button type="button" className="btn btn-small" onClick={save} data-testid={`score-save-${index}`}>{t('calls.saveScore')}</button>}
      {editable && <button type="button" className="btn btn-small btn-ghost" onClick={onConflict} data-testid={`conflict-${index}`}>{t('calls.conflicts')}: {t('calls.declare')}</button>}
    </article>
  );
}
