import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { contractProposals, deals as dealsApi } from '../../api/endpoints';
import { DealCallSection } from '../calls/DealCall';
import { ApiError } from '../../api/problem';
import type { ContractProposal } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Amount, Badge, DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { useLiveReload } from '../../lib/realtime';
import { ContractForm } from './Deals';

/** Hub methods after which proposals and deals are read again. */
const CONTRACT_EVENTS = ['Notification', 'DealChanged', 'DealStageChanged'];
const proposalTone = (s: string) => (s === 'Confirmed' ? 'good' : s === 'Rejected' ? 'bad' : 'warn');
const stageTone = (s: string) => (s === 'Signed' ? 'good' : s === 'Closed' ? 'neutral' : 'info');

/**
 * `/workspace/contracts` for members of an institution or enterprise: contract proposals to confirm or
 * waiting for the other party, and the deals of my organisation (a signed one's contract is proposed here).
 */
export function ContractsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const myOrg = me?.organisation?.id ?? null;
  const proposals = useAsync((signal) => contractProposals.list(null, 1, signal), [myOrg], !!myOrg);
  const [notice, setNotice] = useState<string | null>(null);
  useLiveReload(CONTRACT_EVENTS, proposals.reload, 30_000, !!myOrg);
  const all = proposals.data?.items ?? [];
  const toConfirm = all.filter((p) => p.status === 'Pending' && p.confirmingOrganisationId === myOrg);
  const waiting = all.filter((p) => p.status === 'Pending' && p.proposedByOrganisationId === myOrg);
  const decided = all.filter((p) => p.status !== 'Pending');

  return (
    <section className="page" aria-labelledby="contracts-title" data-testid="contracts-page">
      <h1 id="contracts-title">{t('contracts.title')}</h1>
      <p className="muted">{t('contracts.lead')}</p>
      {myOrg && <p><Link to="/workspace/contract-records" data-testid="contracts-records-link">{t('contractRecords.allOfMine')}</Link></p>}
      {!myOrg ? <Notice kind="warning" testId="no-organisation">{t('workspace.noOrganisation')}</Notice> : (
        <>
          {notice && <Notice kind="success" testId="contracts-notice">{notice}</Notice>}
          <ErrorMessage error={proposals.error} onRetry={proposals.reload} />
          {proposals.loading && !proposals.data ? <Loading /> : null}
          <h2>{t('contracts.toConfirm')} <span className="count">{toConfirm.length}</span></h2>
          {proposals.data && toConfirm.length === 0 && <p className="muted" data-testid="proposals-to-confirm-empty">{t('contracts.noneToConfirm')}</p>}
          <ul className="card-list" data-testid="proposals-to-confirm">
            {toConfirm.map((p) => <ProposalCard key={p.id} proposal={p} myOrg={myOrg} onChanged={(m) => { setNotice(m); proposals.reload(); }} />)}
          </ul>
          {waiting.length > 0 && (
            <>
              <h2>{t('contracts.waiting')}</h2>
              <ul className="card-list" data-testid="proposals-waiting">
                {waiting.map((p) => <ProposalCard key={p.id} proposal={p} myOrg={myOrg} onChanged={(m) => { setNotice(m); proposals.reload(); }} />)}
              </ul>
            </>
          )}
          <PartyDeals proposals={all} />
          {decided.length > 0 && (
            <details className="prefs" data-testid="proposals-decided">
              <summary>{t('contracts.decided', { count: decided.length })}</summary>
              <ul className="card-list">
                {decided.map((p) => <ProposalCard key={p.id} proposal={p} myOrg={myOrg} onChanged={(m) => { setNotice(m); proposals.reload(); }} />)}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** The deals my organisation is a party to, with their stage and contract state. */
function PartyDeals({ proposals }: { proposals: ContractProposal[] }) {
  const { t } = useTranslation();
  const known = useAsync(async (signal) => (await dealsApi.mine(signal)).items, [proposals.map((p) => p.id).join()]);
  const list = known.data ?? [];
  return (
    <section aria-labelledby="party-deals-title" data-testid="party-deals">
      <h2 id="party-deals-title">{t('contracts.deals')}</h2>
      <p className="muted small">{t('contracts.dealsHint')}</p>
      <ErrorMessage error={known.error} onRetry={known.reload} />
      {known.loading && !known.data ? <Loading /> : null}
      {known.data && list.length === 0 && <p className="empty" data-testid="party-deals-empty">{t('contracts.noDeals')}</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="table stack">
            <thead><tr><th scope="col">{t('contracts.deal')}</th><th scope="col">{t('contracts.parties')}</th><th scope="col">{t('contracts.stage')}</th><th scope="col">{t('contracts.contract')}</th></tr></thead>
            <tbody>
              {list.map((d) => {
                const pending = d.contractAwaitsConfirmation || proposals.some((p) => p.dealId === d.id && p.status === 'Pending');
                return (
                  <tr key={d.id} data-testid="party-deal" data-id={d.id} data-stage={d.stage}>
                    <td data-label={t('contracts.deal')}><Link to={`/workspace/deal/${d.id}`} data-testid="party-deal-open">{d.title}</Link></td>
                    <td data-label={t('contracts.parties')}>{d.seller.nameZh} → {d.buyer.nameZh}</td>
                    <td data-label={t('contracts.stage')}><Badge tone={stageTone(d.stage)}>{t(`deals.stage.${d.stage}`)}</Badge></td>
                    <td data-label={t('contracts.contract')}>
                      {d.contractId ? <Badge tone="good">{t('contracts.recorded')}</Badge>
                        : pending ? <Badge tone="warn">{t('contracts.pendingProposal')}</Badge>
                          : d.stage === 'Signed' ? <Link className="btn btn-small btn-primary" to={`/workspace/deal/${d.id}?propose=1`} data-testid="party-deal-propose">{t('contracts.propose')}</Link>
                            : <span className="muted small">{t('contracts.notSigned')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One contract proposal: what it says, and confirm / reject for the other party. */
export function ProposalCard({ proposal: p, myOrg, onChanged, hideDeal }: { proposal: ContractProposal; myOrg: string | null; onChanged: (notice: string) => void; hideDeal?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mine = p.proposedByOrganisationId === myOrg;
  const mayDecide = p.status === 'Pending' && p.confirmingOrganisationId === myOrg;
  const c = p.contract;
  const decide = async (confirm: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (confirm) await contractProposals.confirm(p.id, p.version);
      else await contractProposals.reject(p.id, p.version, reason.trim());
      onChanged(confirm ? t('contracts.confirmed') : t('contracts.rejected'));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && (e.isStale || e.status === 409)) onChanged(t('errors.stale'));
    } finally { setBusy(false); }
  };
  return (
    <li className="card" data-testid="proposal-item" data-id={p.id} data-status={p.status} data-deal={p.dealId}>
      <div className="row">
        <h3>{hideDeal ? (c.projectName || p.dealTitle) : <Link to={`/workspace/deal/${p.dealId}`}>{p.dealTitle}</Link>}</h3>
        <Badge tone={proposalTone(p.status)} testId="proposal-status" value={p.status}>{t(`contracts.status.${p.status}`)}</Badge>
      </div>
      <p className="muted small">
        {mine ? t('contracts.proposedByUs') : t('contracts.proposedByThem')} · {formatDateTime(p.createdAt, lang)}
        {p.decidedAt ? <> · {t('contracts.decidedAt')} {formatDateTime(p.decidedAt, lang)}</> : null}
      </p>
      <dl className="meta">
        <dt>{t('deals.contract.projectName')}</dt><dd>{c.projectName || '—'}</dd>
        <dt>{t('deals.contract.category')}</dt><dd>{t(`deals.contract.categories.${c.category}`)}</dd>
        <dt>{t('deals.contract.transformationMode')}</dt><dd>{t(`transferMode.${c.transformationMode}`)}</dd>
        <dt>{t('listing.field')}</dt><dd>{t(`field.${c.field}`)}</dd>
        <dt>{t('deals.contract.totalAmount')}</dt><dd data-testid="proposal-total"><Amount value={c.totalAmount} /></dd>
        <dt>{t('deals.contract.technologyIncome')}</dt><dd><Amount value={c.technologyIncome} /></dd>
        <dt>{t('deals.contract.signedOn')}</dt><dd><DateText value={c.signedOn} /></dd>
        {c.registrationNumber && <><dt>{t('deals.contract.registrationNumber')}</dt><dd>{c.registrationNumber}</dd></>}
      </dl>
      {p.status === 'Rejected' && p.rejectReason && <p className="message" data-testid="proposal-reject-reason-text">{t('contracts.rejectReason')}: {p.rejectReason}</p>}
      {p.status === 'Pending' && mine && <p className="muted small">{t('contracts.waitingHint')}</p>}
      {mayDecide && !rejecting && (
        <div className="card-actions">
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => decide(true)} data-testid="proposal-confirm">{t('contracts.confirm')}</button>
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => setRejecting(true)} data-testid="proposal-reject">{t('contracts.reject')}</button>
        </div>
      )}
      {mayDecide && rejecting && (
        <form className="form" data-testid="proposal-reject-form" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void decide(false); }}>
          <Field label={t('contracts.rejectReason')} name="reason" hint={t('contracts.rejectHint')}>
            {(q) => <textarea {...q} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="proposal-reject-reason" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-small btn-danger-solid" disabled={busy || !reason.trim()} data-testid="proposal-reject-confirm">{t('contracts.reject')}</button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setRejecting(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}

/** `/workspace/deal/:id`: a deal as its parties see it; once signed, either party proposes its contract. */
export function PartyDealPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const myOrg = me?.organisation?.id ?? null;
  const deal = useAsync((signal) => dealsApi.get(id, signal), [id]);
  const proposals = useAsync((signal) => contractProposals.list(null, 1, signal), [id, myOrg], !!myOrg);
  const [params] = useSearchParams();
  const [proposing, setProposing] = useState(() => params.get('propose') === '1');
  const [notice, setNotice] = useState<string | null>(null);
  useLiveReload(CONTRACT_EVENTS, () => { deal.reload(); proposals.reload(); }, 30_000);
  const d = deal.data;
  const mine = (proposals.data?.items ?? []).filter((p) => p.dealId === id);
  const pending = mine.find((p) => p.status === 'Pending');
  const lastRejected = mine.find((p) => p.status === 'Rejected');
  const canPropose = !!d && d.stage === 'Signed' && !d.contractId && !pending;

  return (
    <section className="page" aria-labelledby="party-deal-title" data-testid="party-deal-page">
      <p className="breadcrumb"><Link to="/workspace/contracts">{t('contracts.title')}</Link></p>
      <ErrorMessage error={deal.error} onRetry={deal.reload} />
      {!d ? (deal.loading ? <Loading /> : null) : (
        <>
          <div className="row">
            <h1 id="party-deal-title">{d.title}</h1>
            <Badge tone={stageTone(d.stage)} testId="party-deal-stage" value={d.stage}>{t(`deals.stage.${d.stage}`)}</Badge>
          </div>
          <p className="muted">{t('contracts.seller')}: {d.seller.nameZh} · {t('contracts.buyer')}: {d.buyer.nameZh}{d.signedAt ? <> · {t('contracts.signedAt')} <DateText value={d.signedAt} /></> : null}</p>
          {notice && <Notice kind="success" testId="contract-proposed">{notice}</Notice>}
          {(d.stage === 'Contacted' || d.stage === 'Negotiating' || d.stage === 'Proposed') && (
            <p><Link className="btn" to={`/workspace/trials/new?deal=${d.id}`} data-testid="deal-start-trial">{t('trials.startFromDeal')}</Link></p>
          )}
          <section className="card flat-children" aria-labelledby="deal-contract-title" data-testid="party-deal-contract">
            <h2 id="deal-contract-title">{t('contracts.contract')}</h2>
            {d.contractId ? <Notice kind="success" testId="deal-contract-recorded">{t('deals.contract.saved')}</Notice>
              : pending ? <ul className="card-list"><ProposalCard proposal={pending} myOrg={myOrg} hideDeal onChanged={(m) => { setNotice(m); proposals.reload(); deal.reload(); }} /></ul>
                : d.stage !== 'Signed' ? <p className="muted">{t('contracts.notSignedHint')}</p>
                  : null}
            {lastRejected && !pending && !d.contractId && <Notice kind="warning">{t('contracts.lastRejected', { reason: lastRejected.rejectReason || '—' })}</Notice>}
            {canPropose && !proposing && (
              <>
                <p>{t('contracts.proposeLead')}</p>
                <button type="button" className="btn btn-primary" onClick={() => setProposing(true)} data-testid="deal-propose-contract">{t('contracts.propose')}</button>
              </>
            )}
            {canPropose && proposing && (
              <ContractForm dealId={id} title={t('contracts.proposeTitle')} submitLabel={t('contracts.send')} onCancel={() => setProposing(false)}
                onSubmit={async (input) => {
                  await dealsApi.proposeContract(id, input);
                  setProposing(false);
                  setNotice(t('contracts.proposed'));
                  proposals.reload();
                }} />
            )}
          </section>
          {d.callProposalId && <DealCallSection dealId={id} />}
          <h2>{t('deals.timeline')}</h2>
          <ol className="timeline" data-testid="deal-timeline">
            {d.timeline.map((ev) => (
              <li key={ev.id}>
                <small className="muted">{formatDateTime(ev.at, lang)}</small>{' '}
                {ev.kind === 'StageChanged' && ev.toStage ? t('deals.event.moved', { from: ev.fromStage ? t(`deals.stage.${ev.fromStage}`) : '—', to: t(`deals.stage.${ev.toStage}`) }) : t(`deals.event.${ev.kind}`, { defaultValue: ev.kind })}
                {ev.note && <p className="prose">{ev.note}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
