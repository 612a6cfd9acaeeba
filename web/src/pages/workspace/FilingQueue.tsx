import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filings } from '../../api/endpoints';
import type { components } from '../../api/schema';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { useAsync, useLang } from '../../lib/hooks';
import { FilingState } from './Filing';

type S = components['schemas'];
type Filing = S['FilingView'];
type Filter = NonNullable<S['FilingState']> | 'due';
const FILTERS: Filter[] = ['Submitted', 'due', 'Filed', 'Returned', 'Draft', 'Revoked'];
const today = () => new Date().toISOString().slice(0, 10);

/** The bureau's filing queue: approve or return submitted filings, and the yearly review (renew or revoke). */
export function FilingQueuePage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('Submitted');
  const list = useAsync((s) => filings.list(filter === 'due' ? { due: true } : { state: filter }, s), [filter]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="page" aria-labelledby="queue-title" data-testid="filing-queue-page">
      <header className="page-header">
        <h1 id="queue-title">{t('filing.queueTitle')}</h1>
        <p className="muted">{t('filing.queueLead')}</p>
      </header>
      <div className="toolbar">
        <label>{t('filing.state')}{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="filing-filter">
            {FILTERS.map((f) => <option key={f} value={f}>{f === 'due' ? t('filing.due') : t(`filing.states.${f}`)}</option>)}
          </select>
        </label>
      </div>
      {notice && <Notice kind="success" testId="filing-queue-notice">{notice}</Notice>}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && (list.data.length === 0 ? <p className="empty">{t('filing.noFilings')}</p> : (
        <ul className="card-list" data-testid="filing-queue">
          {list.data.map((f) => <QueueItem key={f.id} filing={f} onDone={(m) => { setNotice(m); list.reload(); }} />)}
        </ul>
      ))}
    </section>
  );
}

function QueueItem({ filing: f, onDone }: { filing: Filing; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [number, setNumber] = useState('');
  const [filedOn, setFiledOn] = useState(today());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const version = Number(f.version);
  const act = async (action: () => Promise<Filing>, message: string) => {
    setError(null);
    try { await action(); onDone(message); } catch (x) { setError(x); }
  };
  const fe = error && typeof error === 'object' && 'fieldErrors' in error ? (error as { fieldErrors: Record<string, string[]> }).fieldErrors : undefined;
  return (
    <li className="card stack" data-testid="filing-item" data-name={f.organisationNameZh}>
      <h3>{lang === 'en' ? f.organisationNameEn || f.organisationNameZh : f.organisationNameZh} <FilingState filing={f} /></h3>
      <p className="badges">{f.services.map((s) => <Badge key={s} tone="info">{t(`directory.services.${s}`)}</Badge>)}</p>
      <dl className="meta wide-meta">
        <dt>{t('filing.staff')}</dt><dd>{f.staff.map((s) => `${s.name}（${s.role}${s.credential ? ` · ${s.credential}` : ''}）`).join('、')}</dd>
        <dt>{t('filing.credentials')}</dt><dd>{f.credentials.length ? f.credentials.map((c) => `${c.name} ${c.number} · ${c.issuer}`).join('；') : '—'}</dd>
        <dt>{t('filing.contact')}</dt><dd>{f.contactName} · {f.contactPhone} · {f.contactEmail}</dd>
        {f.filingNumber && <><dt>{t('filing.number')}</dt><dd>{f.filingNumber}</dd></>}
        {f.expiresOn && <><dt>{t('filing.expiresOn')}</dt><dd><DateText value={f.expiresOn} /></dd></>}
        {f.returnReason && <><dt>{t('filing.returnReason')}</dt><dd>{f.returnReason}</dd></>}
        {f.revocationReason && <><dt>{t('filing.revocationReason')}</dt><dd>{f.revocationReason}</dd></>}
      </dl>
      {f.state === 'Submitted' && (
        <div className="grid-2">
          <div>
            <Field label={t('filing.number')} name="filingNumber" errors={fe}>{(q) => <input {...q} value={number} maxLength={64} onChange={(e) => setNumber(e.target.value)} data-testid="filing-approve-number" />}</Field>
            <Field label={t('filing.filedOn')} name="filedOn" errors={fe}>{(q) => <input {...q} type="date" value={filedOn} onChange={(e) => setFiledOn(e.target.value)} data-testid="filing-approve-date" />}</Field>
            <button type="button" className="btn btn-primary" data-testid="filing-approve"
              onClick={() => void act(() => filings.approve(f.id, { filingNumber: number, filedOn, version }), t('filing.approvedNotice'))}>{t('filing.approve')}</button>
          </div>
          <div>
            <Field label={t('filing.returnReason')} name="reasons" errors={fe}>{(q) => <textarea {...q} rows={3} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} data-testid="filing-return-reasons" />}</Field>
            <button type="button" className="btn" data-testid="filing-return"
              onClick={() => void act(() => filings.return(f.id, { reasons: reason, version }), t('filing.returnedNotice'))}>{t('filing.return')}</button>
          </div>
        </div>
      )}
      {f.state === 'Filed' && (
        <div>
          <Field label={t('filing.revocationReason')} name="reason" errors={fe}>{(q) => <input {...q} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} data-testid="filing-review-reason" />}</Field>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" data-testid="filing-renew"
              onClick={() => void act(() => filings.review(f.id, { decision: 'Renew', reason: null, version }), t('filing.renewedNotice'))}>{t('filing.renew')}</button>
            <button type="button" className="btn btn-danger" data-testid="filing-revoke"
              onClick={() => void act(() => filings.review(f.id, { decision: 'Revoke', reason, version }), t('filing.revokedNotice'))}>{t('filing.revoke')}</button>
          </div>
        </div>
      )}
      <ErrorMessage error={error} testId="filing-item-error" />
    </li>
  );
}
