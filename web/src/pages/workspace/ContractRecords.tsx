import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { contracts, type ContractListQuery } from '../../api/endpoints';
import type { ContractSource, ContractView } from '../../api/types';
import { CONTRACT_SOURCES, TECHNICAL_FIELDS } from '../../api/types';
import { isAdmin, useAuth } from '../../auth/AuthContext';
import { Amount, Badge, DateText, ErrorMessage, Loading, Notice, Pager } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { ContractRevisionForm, OrganisationPicker } from './ContractEntry';

const PAGE_SIZE = 20;

/** The bureau and administrators read and revise every contract; they export and enter contracts by hand. */
export function useOversees() {
  const { me, hasRole } = useAuth();
  return hasRole('BureauAnalyst') || isAdmin(me);
}

/**
 * `/workspace/contract-records`: the contracts the reader may see (the bureau every one, a party its
 * organisation's, a technology manager those they brokered), searchable and filtered, a page at a time.
 */
export function ContractListPage() {
  const { t } = useTranslation();
  const oversees = useOversees();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [orgName, setOrgName] = useState<string | null>(null);
  const query: ContractListQuery = {
    Q: params.get('q') || undefined,
    Year: params.get('year') ? Number(params.get('year')) : undefined,
    Field: (params.get('field') || undefined) as ContractListQuery['Field'],
    Local: params.get('local') ? params.get('local') === 'true' : undefined,
    OrganisationId: params.get('organisationId') || undefined,
    Source: (params.get('source') || undefined) as ContractSource | undefined,
    Page: Number(params.get('page') ?? 1),
    PageSize: PAGE_SIZE,
  };
  const list = useAsync((signal) => contracts.search(query, signal), [params.toString()]);
  // From the current URL, not this render's copy: two filters changed before a re-render both stick.
  const set = (key: string, value: string | null) => setParams((current) => {
    const next = new URLSearchParams(current);
    if (value) next.set(key, value); else next.delete(key);
    if (key !== 'page') next.delete('page');
    return next;
  }, { replace: true });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => thisYear - i);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExportError(null);
    try { await contracts.export(format, query.Year); } catch (e) { setExportError(e); }
  };

  return (
    <section className="page" aria-labelledby="contract-list-title" data-testid="contract-list-page">
      <div className="row">
        <h1 id="contract-list-title">{t('contractRecords.title')}</h1>
        {oversees && <Link className="btn btn-primary" to="/workspace/contract-records/new" data-testid="contract-new">{t('contractRecords.new')}</Link>}
      </div>
      <p className="muted">{t(oversees ? 'contractRecords.leadBureau' : 'contractRecords.lead')}</p>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); set('q', text.trim() || null); }} data-testid="contract-filters">
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('contractRecords.searchHint')}
          aria-label={t('contractRecords.searchHint')} data-testid="contract-search" />
        <select aria-label={t('contractRecords.year')} value={params.get('year') ?? ''} onChange={(e) => set('year', e.target.value)} data-testid="contract-filter-year">
          <option value="">{t('contractRecords.allYears')}</option>
          {years.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
        <select aria-label={t('listing.field')} value={params.get('field') ?? ''} onChange={(e) => set('field', e.target.value)} data-testid="contract-filter-field">
          <option value="">{t('contractRecords.allFields')}</option>
          {TECHNICAL_FIELDS.map((f) => <option key={f} value={f}>{t(`field.${f}`)}</option>)}
        </select>
        <select aria-label={t('contractRecords.locality')} value={params.get('local') ?? ''} onChange={(e) => set('local', e.target.value)} data-testid="contract-filter-local">
          <option value="">{t('contractRecords.anyLocality')}</option>
          <option value="true">{t('contractRecords.local')}</option>
          <option value="false">{t('contractRecords.nonLocal')}</option>
        </select>
        <select aria-label={t('contractRecords.source')} value={params.get('source') ?? ''} onChange={(e) => set('source', e.target.value)} data-testid="contract-filter-source">
          <option value="">{t('contractRecords.anySource')}</option>
          {CONTRACT_SOURCES.map((s) => <option key={s} value={s}>{t(`contractRecords.sources.${s}`)}</option>)}
        </select>
        <OrganisationPicker label={t('contractRecords.institution')} value={query.OrganisationId ?? null} name={orgName} testId="contract-filter-org"
          onChange={(id, name) => { setOrgName(name); set('organisationId', id); }} />
        <button type="submit" className="btn">{t('common.search')}</button>
        {oversees && (
          <span className="export-buttons">
            <button type="button" className="btn btn-small" onClick={() => exportAs('csv')} data-testid="contract-export-csv">{t('contractRecords.exportCsv')}</button>
            <button type="button" className="btn btn-small" onClick={() => exportAs('xlsx')} data-testid="contract-export-xlsx">{t('contractRecords.exportXlsx')}</button>
          </span>
        )}
      </form>
      <ErrorMessage error={exportError} />
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.total === 0 && <p className="empty" data-testid="contract-list-empty">{t('contractRecords.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <p className="muted small" data-testid="contract-list-total">{t('contractRecords.total', { count: list.data.total })}</p>
          <div className="table-wrap">
            <table className="table stack" data-testid="contract-list">
              <thead>
                <tr>
                  <th scope="col">{t('deals.contract.projectName')}</th><th scope="col">{t('contracts.parties')}</th>
                  <th scope="col">{t('deals.contract.totalAmount')}</th><th scope="col">{t('deals.contract.signedOn')}</th>
                  <th scope="col">{t('deals.contract.registrationNumber')}</th><th scope="col">{t('contractRecords.source')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id} data-testid="contract-row" data-id={c.id}>
                    <td data-label={t('deals.contract.projectName')}><Link to={`/workspace/contract-records/${c.id}`} data-testid="contract-open">{c.projectName}</Link></td>
                    <td data-label={t('contracts.parties')}>{c.seller.name} → {c.buyer.name}</td>
                    <td data-label={t('deals.contract.totalAmount')}><Amount value={c.totalAmount} /></td>
                    <td data-label={t('deals.contract.signedOn')}><DateText value={c.signedOn} /></td>
                    <td data-label={t('deals.contract.registrationNumber')}>{c.registrationNumber ?? <span className="muted">{t('contractRecords.unregistered')}</span>}</td>
                    <td data-label={t('contractRecords.source')}>
                      <Badge tone={c.source === 'Import' ? 'neutral' : 'info'}>{t(`contractRecords.sources.${c.source}`)}</Badge>{' '}
                      {c.isLocal && <Badge tone="good">{t('contractRecords.local')}</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => set('page', String(p))} />
        </>
      )}
    </section>
  );
}

/** `/workspace/contract-records/:id`: the parties, the amounts, the linked deal, the audit trail and the revision form. */
export function ContractDetailPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const { me, hasRole } = useAuth();
  const oversees = useOversees();
  const contract = useAsync((signal) => contracts.get(id, signal), [id]);
  const trail = useAsync((signal) => contracts.changes(id, signal), [id]);
  const [search] = useSearchParams();
  // A data-quality finding's "correct" opens the revision form at once.
  const [editing, setEditing] = useState(() => search.get('edit') === '1');
  const [notice, setNotice] = useState<string | null>(null);
  const c = contract.data;
  const myOrg = me?.organisation?.id ?? null;
  const party = !!c && !!myOrg && (c.seller.organisationId === myOrg || c.buyer.organisationId === myOrg);
  const dealLink = c?.dealId ? (hasRole('TechnologyManager') ? `/workspace/deals?deal=${c.dealId}` : party ? `/workspace/deal/${c.dealId}` : null) : null;

  return (
    <section className="page" aria-labelledby="contract-title" data-testid="contract-detail-page">
      <p className="breadcrumb"><Link to="/workspace/contract-records">{t('contractRecords.title')}</Link></p>
      <ErrorMessage error={contract.error} onRetry={contract.reload} />
      {!c ? (contract.loading ? <Loading /> : null) : (
        <>
          <div className="row">
            <h1 id="contract-title" data-testid="contract-name">{c.projectName}</h1>
            <Badge tone="info" testId="contract-source" value={c.source}>{t(`contractRecords.sources.${c.source}`)}</Badge>
          </div>
          {notice && <Notice kind="success" testId="contract-notice">{notice}</Notice>}
          {c.duplicateOfContractId && (
            <Notice kind="warning" testId="contract-duplicate-of">
              {t('quality.detailMarked')} <Link to={`/workspace/contract-records/${c.duplicateOfContractId}`}>{t('quality.detailKept')}</Link>
            </Notice>
          )}
          <div className="grid-2">
            {([['seller', c.seller], ['buyer', c.buyer]] as const).map(([side, p]) => (
              <section key={side} className="card" data-testid={`contract-${side}`}>
                <h2>{t(`contracts.${side}`)}</h2>
                <p><strong>{p.name}</strong></p>
                <dl className="meta">
                  <dt>{t('contractRecords.creditCode')}</dt><dd>{p.creditCode ?? '—'}</dd>
                  <dt>{t('contractRecords.natureCode')}</dt><dd>{p.natureCode || '—'}</dd>
                  <dt>{t('contractRecords.regionCode')}</dt><dd>{p.regionCode}</dd>
                </dl>
              </section>
            ))}
          </div>
          <ContractFacts contract={c} dealLink={dealLink} />
          <div className="form-actions">
            {(oversees || party) && !editing && (
              <button type="button" className="btn btn-primary" onClick={() => setEditing(true)} data-testid="contract-edit">{t('contractRecords.edit')}</button>
            )}
            <Link className="btn" to={`/workspace/contract-records/${c.id}/registration-form`} data-testid="contract-registration-form">{t('registrationForm.open')}</Link>
          </div>
          {editing && (
            <ContractRevisionForm contract={c} amounts={oversees} onCancel={() => setEditing(false)}
              onSaved={() => { setEditing(false); setNotice(t('contractRecords.saved')); contract.reload(); trail.reload(); }} />
          )}
          <h2>{t('contractRecords.trail')}</h2>
          <ErrorMessage error={trail.error} onRetry={trail.reload} />
          <ol className="timeline" data-testid="contract-trail">
            {(trail.data ?? []).map((line) => (
              <li key={line.id} data-testid="contract-trail-line" data-change={line.change}>
                <small className="muted">{formatDateTime(line.at, lang)}</small>{' '}
                <strong>{t(`contractRecords.changes.${line.change}`, { defaultValue: t(`quality.changes.${line.change}`, { defaultValue: line.change }) })}</strong>
                {line.byName && <> · {line.byName}</>}
                {line.reason && <p className="prose" data-testid="contract-trail-reason">{t('contractRecords.reason')}: {line.reason}</p>}
                {line.fields.length > 0 && (
                  <ul className="small">
                    {line.fields.map((f) => (
                      <li key={f.field}>{t(`contractRecords.fields.${f.field}`, { defaultValue: t(`quality.fields.${f.field}`, { defaultValue: f.field }) })}: {f.from ?? '—'} → {f.to ?? '—'}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ContractFacts({ contract: c, dealLink }: { contract: ContractView; dealLink: string | null }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  // A party's member may claim risk compensation when a transfer fails (docs/programmes.md#risk-compensation).
  const org = me?.organisation?.id;
  const party = !!org && (c.seller.organisationId === org || c.buyer.organisationId === org);
  return (
    <dl className="meta card" data-testid="contract-facts">
      <dt>{t('deals.contract.category')}</dt><dd>{t(`deals.contract.categories.${c.category}`)}</dd>
      <dt>{t('deals.contract.transformationMode')}</dt><dd>{t(`transferMode.${c.transformationMode}`)}</dd>
      <dt>{t('listing.field')}</dt><dd>{t(`field.${c.field}`)}</dd>
      <dt>{t('deals.contract.totalAmount')}</dt><dd data-testid="contract-total-amount"><Amount value={c.totalAmount} /></dd>
      <dt>{t('deals.contract.technologyIncome')}</dt><dd data-testid="contract-income-amount"><Amount value={c.technologyIncome} /></dd>
      <dt>{t('deals.contract.signedOn')}</dt><dd><DateText value={c.signedOn} /></dd>
      <dt>{t('deals.contract.registrationNumber')}</dt><dd data-testid="contract-regno-value">{c.registrationNumber ?? t('contractRecords.unregistered')}</dd>
      <dt>{t('deals.contract.registeredOn')}</dt><dd>{c.registeredOn ? <DateText value={c.registeredOn} /> : '—'}</dd>
      <dt>{t('contractRecords.year')}</dt><dd>{c.year}</dd>
      <dt>{t('contractRecords.locality')}</dt><dd>{t(c.isLocal ? 'contractRecords.local' : 'contractRecords.nonLocal')}</dd>
      <dt>{t('contractRecords.deal')}</dt>
      <dd>{c.dealId ? (dealLink ? <Link to={dealLink} data-testid="contract-deal-link">{t('contractRecords.openDeal')}</Link> : t('contractRecords.viaDeal')) : '—'}</dd>
      {c.trialId && <><dt>{t('riskPool.trialOfContract')}</dt><dd><Link to={`/workspace/trials/${c.trialId}`} data-testid="contract-trial-link">{t('riskPool.openTrial')}</Link></dd></>}
      {party && (c.category === 'Transfer' || c.category === 'Licence') && (
        <><dt>{t('riskPool.transferFailed')}</dt><dd><Link to={`/workspace/risk-claims?contract=${c.id}`} data-testid="contract-claim-link">{t('riskPool.requestCompensation')}</Link></dd></>
      )}
    </dl>
  );
}
