import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { ErrorMessage, Field } from '../../components/ui';
import { formatAmount, formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

type ConsentRequest = components['schemas']['ConsentRequestView'];

/** The organisation's verified members consent to (or refuse, with a reason) their colleagues' proposals to calls that require it. */
export function ConsentPanel() {
  const { t } = useTranslation();
  const res = useAsync((signal) => data(http.GET('/api/calls/consents', { signal })), []);
  return (
    <section className="card" aria-labelledby="consent-title" data-testid="consent-panel">
      <h2 id="consent-title">{t('callConsent.panelTitle')}</h2>
      <p className="muted">{t('callConsent.panelLead')}</p>
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.data?.length === 0 && <p className="muted" data-testid="consent-none">{t('callConsent.none')}</p>}
      <ul className="plain-list">{(res.data ?? []).map((r) => <ConsentRow key={r.proposal.id} request={r} onDecided={res.reload} />)}</ul>
    </section>
  );
}

function ConsentRow({ request: r, onDecided }: { request: ConsentRequest; onDecided: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (consent: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await data(http.POST('/api/calls/{id}/proposals/{proposalId}/consent', {
        params: { path: { id: r.proposal.callId, proposalId: r.proposal.id } }, body: { consent, reason: consent ? null : reason, version: r.proposal.version },
      }));
      onDecided();
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  return (
    <li data-testid="consent-request" data-id={r.proposal.id}>
      <p><Link to={`/calls/${r.proposal.callId}`}>{r.callTitle}</Link> · {formatAmount(r.proposal.price, lang)}</p>
      <p className="muted">{t('callConsent.by', { name: r.submittedByName, deadline: formatDateTime(r.deadline, lang) })}</p>
      <p className="prose">{r.proposal.approach}</p>
      {refusing && (
        <Field label={t('callConsent.reason')} name="reason" errors={fe}>
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="consent-reason" />}
        </Field>
      )}
      <ErrorMessage error={error} />
      <div className="row">
        {refusing ? (
          <>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => decide(false)} data-testid="consent-refuse-confirm">{t('callConsent.confirmRefuse')}</button>
            <button type="button" className="btn btn-ghost" onClick={() => setRefusing(false)}>{t('callConsent.cancel')}</button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => decide(true)} data-testid="consent-give">{t('callConsent.consent')}</button>
            <button type="button" className="btn" onClick={() => setRefusing(true)} data-testid="consent-refuse">{t('callConsent.refuse')}</button>
          </>
        )}
      </div>
    </li>
  );
}
