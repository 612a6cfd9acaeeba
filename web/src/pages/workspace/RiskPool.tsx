import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { AmountInput } from '../../components/AmountInput';
import { Amount, Badge, DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { formatPercent } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

type S = components['schemas'];
type ClaimState = S['RiskClaimState'];
type Claim = S['RiskClaimView'];
type Scheme = S['RiskSchemeView'];

const FIELDS: S['TechnicalField'][] = [
  'ElectronicInformation', 'Aerospace', 'AdvancedManufacturing', 'BiomedicineAndMedicalDevices', 'NewMaterials', 'NewEnergyAndEnergyEfficiency',
  'EnvironmentalProtectionAndResources', 'NuclearApplication', 'Agriculture', 'ModernTraffic', 'UrbanConstructionAndSocialDevelopment',
];
const tone = (s: ClaimState) => (s === 'Paid' || s === 'Approved' ? 'good' : s === 'Rejected' ? 'bad' : 'info');
const today = () => new Date().toISOString().slice(0, 10);

function ClaimBadge({ state }: { state: ClaimState }) {
  const { t } = useTranslation();
  return <Badge tone={tone(state)} testId="claim-state" value={state}>{t(`riskPool.state.${state}`)}</Badge>;
}

type Subject = 'trial' | 'contract';
type Cause = NonNullable<S['TrialFailureCause']>;
const CAUSES: Cause[] = ['TechnologyUnderperformed', 'IntegrationCost', 'BuyerWithdrew', 'PriceDisagreement', 'IpIssue', 'MarketChanged', 'Other'];

/**
 * A party's claims: submit one for a failed trial or a failed transfer (a transfer or licence contract) of my organisation,
 * and follow the bureau's decision.
 */
export function RiskClaimsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [params] = useSearchParams();
  const schemes = useAsync((signal) => data(http.GET('/api/risk-schemes', { signal })), []);
  const trials = useAsync((signal) => data(http.GET('/api/trials', { params: { query: { state: 'Failed', pageSize: 100 } }, signal })), []);
  const contracts = useAsync((signal) => data(http.GET('/api/contracts', { params: { query: { PageSize: 100 } }, signal })), []);
  // The contract a contract's page sent us to, which the 100 latest of an institution's contracts may not hold.
  const preset = params.get('contract');
  const presetContract = useAsync((signal) => (preset ? data(http.GET('/api/contracts/{id}', { params: { path: { id: preset } }, signal })) : Promise.resolve(null)), [preset]);
  const claims = useAsync((signal) => data(http.GET('/api/risk-claims', { params: { query: { pageSize: 100 } }, signal })), []);
  const [subject, setSubject] = useState<Subject>(params.get('contract') ? 'contract' : 'trial');
  const [trialId, setTrialId] = useState(params.get('trial') ?? '');
  const [contractId, setContractId] = useState(params.get('contract') ?? '');
  const [cause, setCause] = useState<Cause | ''>('');
  const [schemeId, setSchemeId] = useState('');
  const [evidence, setEvidence] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const scheme = schemeId || schemes.data?.[0]?.id || '';
  // Transfers are transfer and licence contracts where my organisation is a party (a manager also reads those they brokered).
  const org = me?.organisation?.id;
  const listed = contracts.data?.items ?? [];
  const candidates = presetContract.data && !listed.some((c) => c.id === presetContract.data?.id) ? [presetContract.data, ...listed] : listed;
  const transfers = candidates.filter((c) => (c.category === 'Transfer' || c.category === 'Licence') && (c.seller.organisationId === org || c.buyer.organisationId === org));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    const on = subject === 'trial' ? { trialId: trialId || null } : { contractId: contractId || null, failureCause: cause || null };
    try {
      await data(http.POST('/api/risk-claims', { body: { schemeId: scheme, evidence, amountAsked: amount as number, ...on } }));
      setSent(true);
      setEvidence('');
      claims.reload();
    } catch (err) { setError(err); }
  };

  return (
    <section className="page" aria-labelledby="claims-title" data-testid="risk-claims-page">
      <header className="page-header">
        <h1 id="claims-title">{t('riskPool.claimsTitle')}</h1>
        <p className="muted">{t('riskPool.claimsLead')}</p>
      </header>
      <ErrorMessage error={schemes.error ?? trials.error ?? contracts.error} />
      <form className="card stack" onSubmit={submit} noValidate data-testid="claim-form">
        <h2>{t('riskPool.newClaim')}</h2>
        {sent && <Notice kind="success" testId="claim-sent">{t('riskPool.claimSent')}</Notice>}
        <ErrorMessage error={error && !fe ? error : null} />
        {fe && <ErrorMessage error={error} />}
        <fieldset className="field choice-group" data-testid="claim-subject">
          <legend>{t('riskPool.subject')}</legend>
          {(['trial', 'contract'] as Subject[]).map((k) => (
            <label key={k}><input type="radio" name="subject" value={k} checked={subject === k} onChange={() => setSubject(k)} data-testid={`claim-subject-${k}`} /> {t(`riskPool.subjects.${k}`)}</label>
          ))}
        </fieldset>
        {subject === 'trial' && trials.data && trials.data.items.length === 0 && <Notice>{t('riskPool.noFailedTrials')}</Notice>}
        {subject === 'contract' && contracts.data && transfers.length === 0 && <Notice>{t('riskPool.noTransfers')}</Notice>}
        <div className="grid-2">
          {subject === 'trial' ? (
            <Field label={t('riskPool.trial')} name="trialId" errors={fe}>{(p) => (
              <select {...p} value={trialId} onChange={(e) => setTrialId(e.target.value)} data-testid="claim-trial">
                <option value="">{t('riskPool.chooseTrial')}</option>
                {trials.data?.items.map((x) => <option key={x.id} value={x.id}>{x.dealTitle} · {x.seller.nameZh} → {x.buyer.nameZh}</option>)}
              </select>
            )}</Field>
          ) : (
            <>
              <Field label={t('riskPool.contract')} name="contractId" errors={fe} hint={t('riskPool.contractHint')}>{(p) => (
                <select {...p} value={contractId} onChange={(e) => setContractId(e.target.value)} data-testid="claim-contract">
                  <option value="">{t('riskPool.chooseContract')}</option>
                  {transfers.map((c) => <option key={c.id} value={c.id}>{c.projectName} · {c.seller.name} → {c.buyer.name}</option>)}
                </select>
              )}</Field>
              <Field label={t('riskPool.failureCause')} name="failureCause" errors={fe}>{(p) => (
                <select {...p} value={cause} onChange={(e) => setCause(e.target.value as Cause)} data-testid="claim-cause">
                  <option value="">{t('riskPool.chooseCause')}</option>
                  {CAUSES.map((c) => <option key={c} value={c}>{t(`trials.causes.${c}`)}</option>)}
                </select>
              )}</Field>
            </>
          )}
          <Field label={t('riskPool.scheme')} name="schemeId" errors={fe}>{(p) => (
            <select {...p} value={scheme} onChange={(e) => setSchemeId(e.target.value)} data-testid="claim-scheme">
              {schemes.data?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          )}</Field>
          <Field label={t('riskPool.amountAsked')} name="amountAsked" errors={fe}>{(p) => <AmountInput {...p} value={amount} onChange={setAmount} testId="claim-amount" />}</Field>
        </div>
        <Field label={t('riskPool.evidence')} name="evidence" errors={fe} hint={t('riskPool.evidenceHint')}>{(p) => (
          <textarea {...p} rows={4} maxLength={4000} value={evidence} onChange={(e) => setEvidence(e.target.value)} data-testid="claim-evidence" />
        )}</Field>
        <button type="submit" className="btn btn-primary" data-testid="claim-submit">{t('riskPool.submit')}</button>
      </form>
      <section className="card" aria-labelledby="my-claims-title">
        <h2 id="my-claims-title">{t('riskPool.myClaims')}</h2>
        {claims.loading && !claims.data ? <Loading /> : null}
        {claims.data && (claims.data.items.length === 0 ? <p className="empty">{t('riskPool.noClaims')}</p> : <ClaimTable claims={claims.data.items} />)}
      </section>
    </section>
  );
}

/** What a claim is for: the failed trial's page, or the failed transfer contract's page, with the price the ratio applies to. */
function ClaimSubject({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation();
  const to = c.trialId ? `/workspace/trials/${c.trialId}` : `/workspace/contract-records/${c.contractId}`;
  return (
    <>
      <Link to={to} data-testid="claim-subject-link">{c.title}</Link>
      <div className="muted">{t(c.trialId ? 'riskPool.subjects.trial' : 'riskPool.subjects.contract')} · <Amount value={c.price} />{c.failureCause && <> · {t(`trials.causes.${c.failureCause}`)}</>}</div>
      <div className="muted">{c.schemeName} · <DateText value={c.createdAt} /></div>
    </>
  );
}

function ClaimTable({ claims, decide }: { claims: Claim[]; decide?: (c: Claim) => React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="claims-table">
      <thead><tr><th>{t('riskPool.subject')}</th><th>{t('riskPool.claimant')}</th><th>{t('riskPool.amountAsked')}</th><th>{t('riskPool.amountApproved')}</th><th>{t('riskPool.stateLabel')}</th>{decide && <th />}</tr></thead>
      <tbody>
        {claims.map((c) => (
          <tr key={c.id} data-testid="claim-row">
            <td><ClaimSubject claim={c} /></td>
            <td>{c.claimant.nameZh}</td>
            <td><Amount value={c.amountAsked} /></td>
            <td>{c.amountApproved != null ? <Amount value={c.amountApproved} /> : '—'}{c.paidOn && <div className="muted">{t('riskPool.paidOn')} <DateText value={c.paidOn} /></div>}</td>
            <td><ClaimBadge state={c.state} />{c.decisionNote && <div className="muted" data-testid="claim-note">{c.decisionNote}</div>}</td>
            {decide && <td>{decide(c)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The bureau's pools: each scheme's balance, commitments and payouts; the claims queue with approval, rejection and payout. */
export function RiskPoolPage() {
  const { t } = useTranslation();
  const schemes = useAsync((signal) => data(http.GET('/api/risk-schemes', { signal })), []);
  const [state, setState] = useState<ClaimState | ''>('Submitted');
  const claims = useAsync((signal) => data(http.GET('/api/risk-claims', { params: { query: { state: state || undefined, pageSize: 100 } }, signal })), [state]);
  const reload = () => { schemes.reload(); claims.reload(); };
  return (
    <section className="page" aria-labelledby="pool-title" data-testid="risk-pool-page">
      <header className="page-header">
        <h1 id="pool-title">{t('riskPool.poolTitle')}</h1>
        <p className="muted">{t('riskPool.poolLead')}</p>
      </header>
      <ErrorMessage error={schemes.error} onRetry={schemes.reload} />
      {schemes.loading && !schemes.data ? <Loading /> : null}
      {schemes.data?.length === 0 && <p className="empty">{t('riskPool.noSchemes')}</p>}
      {schemes.data?.map((s) => <SchemeCard key={s.id} scheme={s} />)}
      <section className="card" aria-labelledby="queue-title">
        <div className="row"><h2 id="queue-title">{t('riskPool.queue')}</h2>
          <select value={state} onChange={(e) => setState(e.target.value as ClaimState | '')} data-testid="queue-state" aria-label={t('riskPool.stateLabel')}>
            <option value="">{t('common.all')}</option>
            {(['Submitted', 'Approved', 'Rejected', 'Paid'] as ClaimState[]).map((s) => <option key={s} value={s}>{t(`riskPool.state.${s}`)}</option>)}
          </select>
        </div>
        <ErrorMessage error={claims.error} onRetry={claims.reload} />
        {claims.data && (claims.data.items.length === 0 ? <p className="empty">{t('riskPool.noClaims')}</p>
          : <ClaimTable claims={claims.data.items} decide={(c) => <Decision claim={c} onDone={reload} />} />)}
      </section>
      <SchemeForm onSaved={reload} />
    </section>
  );
}

function SchemeCard({ scheme: s }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = s.pool;
  return (
    <section className="card" data-testid="scheme-card" aria-label={s.name}>
      <h2>{s.name}</h2>
      {s.description && <p className="muted">{s.description}</p>}
      <p>{t('riskPool.rules', { ratio: formatPercent(s.ratio, lang) })} · {s.localBuyersOnly ? t('riskPool.localOnly') : t('riskPool.anyBuyer')} · {s.fields.length === 0 ? t('riskPool.allFields') : s.fields.map((f) => t(`field.${f}`)).join('、')}</p>
      <p className="muted">{t('riskPool.maxAmount')} <Amount value={s.maxAmount} /> · {t('riskPool.capPerCase')} <Amount value={s.capPerCase} /> · {t('riskPool.capPerInstitution')} <Amount value={s.capPerInstitution} /> · {t('riskPool.capPerYear')} <Amount value={s.capPerYear} /></p>
      {p && (
        <dl className="facts">
          <dt>{t('riskPool.budget')}</dt><dd><Amount value={p.budget} /></dd>
          <dt>{t('riskPool.committed')}</dt><dd data-testid="pool-committed"><Amount value={p.committed} /> ({t('riskPool.claimsCount', { count: p.approved })})</dd>
          <dt>{t('riskPool.paid')}</dt><dd data-testid="pool-paid"><Amount value={p.paid} /> ({t('riskPool.claimsCount', { count: p.paidClaims })})</dd>
          <dt>{t('riskPool.balance')}</dt><dd data-testid="pool-balance" data-value={p.balance}><strong><Amount value={p.balance} /></strong></dd>
        </dl>
      )}
    </section>
  );
}

/** The bureau's decision on one claim: approve (at most the limit shown) or reject with a reason; record the payout of an approved one. */
function Decision({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const full = useAsync((signal) => data(http.GET('/api/risk-claims/{id}', { params: { path: { id: claim.id } }, signal })), [claim.id, claim.version], open);
  const [amount, setAmount] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const path = { params: { path: { id: claim.id } } };
  const run = async (send: () => Promise<unknown>) => {
    setError(null);
    try { await send(); setOpen(false); onDone(); } catch (err) { setError(err); }
  };
  if (claim.state === 'Approved') {
    return <button type="button" className="btn" data-testid="claim-pay" onClick={() => run(() => data(http.POST('/api/risk-claims/{id}/payout', { ...path, body: { paidOn: today(), version: claim.version } })))}>{t('riskPool.recordPayout')}</button>;
  }
  if (claim.state !== 'Submitted') return null;
  if (!open) return <button type="button" className="btn" data-testid="claim-decide" onClick={() => setOpen(true)}>{t('riskPool.decide')}</button>;
  const limits = full.data?.limits;
  return (
    <div className="stack" data-testid="claim-decision">
      <p className="muted">{claim.evidence}</p>
      {limits && <p data-testid="claim-limit">{t('riskPool.limit')} <Amount value={limits.max} /></p>}
      <ErrorMessage error={error && !fe ? error : null} />
      {fe && <ErrorMessage error={error} />}
      <Field label={t('riskPool.amountApproved')} name="amount" errors={fe}>{(p) => <AmountInput {...p} value={amount ?? limits?.max ?? null} onChange={setAmount} testId="claim-approve-amount" />}</Field>
      <button type="button" className="btn btn-primary" data-testid="claim-approve" disabled={!full.data}
        onClick={() => run(() => data(http.POST('/api/risk-claims/{id}/approve', { ...path, body: { amount: (amount ?? limits?.max) as number, version: full.data!.version } })))}>{t('riskPool.approve')}</button>
      <Field label={t('riskPool.reason')} name="reason" errors={fe}>{(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="claim-reject-reason" />}</Field>
      <button type="button" className="btn" data-testid="claim-reject" disabled={!full.data}
        onClick={() => run(() => data(http.POST('/api/risk-claims/{id}/reject', { ...path, body: { reason, version: full.data!.version } })))}>{t('riskPool.reject')}</button>
    </div>
  );
}

/** A new scheme and its pool's budget. */
function SchemeForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [localOnly, setLocalOnly] = useState(true);
  const [fields, setFields] = useState<S['TechnicalField'][]>([]);
  const [ratio, setRatio] = useState('0.5');
  const [amounts, setAmounts] = useState<Record<'maxAmount' | 'capPerCase' | 'capPerInstitution' | 'capPerYear' | 'budget', number | null>>(
    { maxAmount: null, capPerCase: null, capPerInstitution: null, capPerYear: null, budget: null });
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await data(http.POST('/api/risk-schemes', {
        body: { name, description: null, localBuyersOnly: localOnly, fields, ratio: Number(ratio), ...(amounts as Record<keyof typeof amounts, number>) },
      }));
      setName('');
      onSaved();
    } catch (err) { setError(err); }
  };
  return (
    <form className="card form" onSubmit={save} noValidate data-testid="risk-scheme-form" aria-labelledby="risk-scheme-form-title">
      <h2 id="risk-scheme-form-title">{t('riskPool.newScheme')}</h2>
      <ErrorMessage error={error && !fe ? error : null} />
      {fe && <ErrorMessage error={error} />}
      <Field label={t('riskPool.name')} name="name" errors={fe}>{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <label><input type="checkbox" checked={localOnly} onChange={(e) => setLocalOnly(e.target.checked)} /> {t('riskPool.localOnly')}</label>
      <Field label={t('riskPool.fields')} name="fields" errors={fe} hint={t('riskPool.allFields')}>{(p) => (
        <select {...p} multiple value={fields} onChange={(e) => setFields(Array.from(e.target.selectedOptions, (o) => o.value as S['TechnicalField']))}>
          {FIELDS.map((f) => <option key={f} value={f}>{t(`field.${f}`)}</option>)}
        </select>
      )}</Field>
      <div className="grid-2">
        <Field label={t('riskPool.ratio')} name="ratio" errors={fe}>{(p) => <input {...p} inputMode="decimal" value={ratio} onChange={(e) => setRatio(e.target.value)} />}</Field>
        {(Object.keys(amounts) as (keyof typeof amounts)[]).map((k) => (
          <Field key={k} label={t(`riskPool.${k}`)} name={k} errors={fe}>{(p) => <AmountInput {...p} value={amounts[k]} onChange={(v) => setAmounts({ ...amounts, [k]: v })} />}</Field>
        ))}
      </div>
      <button type="submit" className="btn btn-primary">{t('riskPool.saveScheme')}</button>
    </form>
  );
}
