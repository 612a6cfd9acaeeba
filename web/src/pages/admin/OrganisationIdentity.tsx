import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { organisations } from '../../api/endpoints';
import type { InstitutionType, Organisation, OrganisationKind } from '../../api/types';
import { ErrorMessage, Loading, Notice, Pager } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

// Organisation identity (issue 14): the drafts imports create, correcting a kind, merging two organisations.

const KINDS = ['Institution', 'Enterprise', 'Intermediary'] as const;

/** A kind as an administrator chooses it: the kind, and for an institution its type. */
export interface KindChoice { kind: OrganisationKind; institutionType: InstitutionType | null }

/** Kind and institution type selects; the type only for institutions. */
export function KindFields({ value, onChange, idPrefix }: { value: KindChoice; onChange: (v: KindChoice) => void; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${idPrefix}-kind`}>{t('org.kind')}</label>
      <select id={`${idPrefix}-kind`} value={value.kind === 'Unknown' ? '' : value.kind} data-testid={`${idPrefix}-kind`}
        onChange={(e) => {
          const kind = e.target.value as OrganisationKind;
          onChange({ kind, institutionType: kind === 'Institution' ? value.institutionType ?? 'University' : null });
        }}>
        <option value="" disabled>{t('orgIdentity.chooseKind')}</option>
        {KINDS.map((k) => <option key={k} value={k}>{t(`orgKind.${k}`)}</option>)}
      </select>
      {value.kind === 'Institution' && (
        <>
          <label htmlFor={`${idPrefix}-type`}>{t('org.institutionType')}</label>
          <select id={`${idPrefix}-type`} value={value.institutionType ?? 'University'} data-testid={`${idPrefix}-type`}
            onChange={(e) => onChange({ ...value, institutionType: e.target.value as InstitutionType })}>
            <option value="University">{t('org.University')}</option>
            <option value="ResearchInstitute">{t('org.ResearchInstitute')}</option>
          </select>
        </>
      )}
    </>
  );
}

/** Corrects an organisation's kind (audited; the indicators follow at once). */
export function CorrectKind({ org, onDone }: { org: Organisation; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<KindChoice>({ kind: org.kind, institutionType: org.institutionType ?? null });
  const [error, setError] = useState<unknown>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await organisations.correctKind(org.id, { kind: choice.kind, institutionType: choice.institutionType, version: Number(org.version) });
      onDone(t('orgIdentity.kindCorrected'));
    } catch (err) { setError(err); }
  };
  return (
    <form className="card inline-form" onSubmit={save} aria-label={t('orgIdentity.correctKind')} data-testid="correct-kind-form">
      <h3>{t('orgIdentity.correctKind')}: {org.nameZh}</h3>
      <p className="muted small">{t('orgIdentity.correctKindHint')}</p>
      <KindFields value={choice} onChange={setChoice} idPrefix="correct" />
      <ErrorMessage error={error} />
      <button type="submit" className="btn btn-primary" disabled={choice.kind === 'Unknown'} data-testid="correct-kind-save">{t('common.save')}</button>
    </form>
  );
}

/**
 * Merges the source into a target picked by search: shows what will move, then merges on confirmation. The source
 * disappears; its name becomes an alias of the target.
 */
export function MergeInto({ source, onDone }: { source: { id: string; nameZh: string; version: number | string }; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [target, setTarget] = useState<Organisation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const found = useAsync(() => organisations.search({ Q: asked, Page: 1, PageSize: 10 }), [asked], asked.length > 0);
  const preview = useAsync(() => organisations.mergePreview(target!.id, source.id), [target?.id], target !== null);
  const merge = async () => {
    if (!preview.data) return;
    setBusy(true);
    setError(null);
    try {
      await organisations.merge(preview.data.target.id,
        { sourceId: source.id, sourceVersion: Number(preview.data.source.version), targetVersion: Number(preview.data.target.version) });
      onDone(t('orgIdentity.merged', { source: source.nameZh, target: preview.data.target.nameZh }));
    } catch (err) { setError(err); }
    setBusy(false);
  };
  return (
    <section className="card" aria-label={t('orgIdentity.mergeTitle', { name: source.nameZh })} data-testid="merge-panel">
      <h3>{t('orgIdentity.mergeTitle', { name: source.nameZh })}</h3>
      <p className="muted small">{t('orgIdentity.mergeHint')}</p>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setTarget(null); setAsked(q.trim()); }}>
        <label htmlFor="merge-search">{t('orgIdentity.targetSearch')}</label>
        <input id="merge-search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="merge-search" />
        <button type="submit" className="btn" data-testid="merge-search-go">{t('common.search')}</button>
      </form>
      {found.loading && asked ? <Loading /> : null}
      {!target && found.data && (
        <ul className="plain-list" data-testid="merge-candidates">
          {found.data.items.filter((o) => o.id !== source.id).map((o) => (
            <li key={o.id}>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setTarget(o)} data-testid="merge-candidate">
                {o.nameZh} <small className="muted">{t(`orgKind.${o.kind}`)} · {o.creditCode ?? '—'}</small>
              </button>
            </li>
          ))}
          {found.data.items.filter((o) => o.id !== source.id).length === 0 && <li className="muted">{t('common.none')}</li>}
        </ul>
      )}
      {target && (
        <div data-testid="merge-preview">
          <ErrorMessage error={preview.error} onRetry={preview.reload} />
          {preview.loading && !preview.data ? <Loading /> : null}
          {preview.data && (
            <>
              <p>{t('orgIdentity.willMove', { source: source.nameZh, target: preview.data.target.nameZh })}</p>
              <ul className="plain-list">
                {preview.data.moves.length === 0 && <li className="muted">{t('orgIdentity.nothingMoves')}</li>}
                {preview.data.moves.map((m) => (
                  <li key={m.key} data-testid="merge-move">{t(`orgIdentity.moves.${m.key.replace('.', '_')}`, { defaultValue: m.key })}: <strong>{m.rows}</strong></li>
                ))}
              </ul>
              {preview.data.clashes.length > 0 && <Notice kind="warning">{t('orgIdentity.clashes', { list: preview.data.clashes.join(', ') })}</Notice>}
              <div className="actions">
                <button type="button" className="btn btn-primary" disabled={busy || preview.data.clashes.length > 0} onClick={merge} data-testid="merge-confirm">
                  {t('orgIdentity.confirmMerge')}
                </button>
                <button type="button" className="btn btn-ghost" onClick={() => setTarget(null)}>{t('common.cancel')}</button>
              </div>
            </>
          )}
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

/** The drafts imports created, most contracts first: confirm the kind and region, or merge into an existing organisation. */
export function DraftsSection() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<{ id: string; action: 'confirm' | 'merge' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const res = useAsync(() => organisations.drafts({ Q: asked || undefined, Page: page, PageSize: 20 }), [asked, page]);
  const done = (message: string) => { setOpen(null); setNotice(message); res.reload(); };
  const draft = res.data?.items.find((d) => d.id === open?.id);
  return (
    <>
      <h2 className="sr-only">{t('admin.tabs.drafts')}</h2>
      <p className="muted">{t('orgIdentity.draftsLead')}</p>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setPage(1); setAsked(q.trim()); }}>
        <label htmlFor="drafts-search">{t('orgIdentity.search')}</label>
        <input id="drafts-search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="drafts-search" />
        <button type="submit" className="btn">{t('common.search')}</button>
      </form>
      {notice && <Notice kind="success" testId="drafts-notice">{notice}</Notice>}
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && (
        <div className="table-wrap">
          <table className="table stack" data-testid="drafts-table">
            <thead><tr>
              <th scope="col">{t('org.nameZh')}</th><th scope="col">{t('admin.creditCode')}</th><th scope="col">{t('orgIdentity.natureCode')}</th>
              <th scope="col">{t('admin.kind')}</th><th scope="col">{t('admin.region')}</th><th scope="col">{t('orgIdentity.contracts')}</th>
              <th scope="col"><span className="sr-only">{t('orgIdentity.actions')}</span></th>
            </tr></thead>
            <tbody>
              {res.data.items.length === 0 && <tr><td colSpan={7} className="muted">{t('orgIdentity.noDrafts')}</td></tr>}
              {res.data.items.map((d) => (
                <tr key={d.id} data-testid="draft-row" data-id={d.id}>
                  <td data-label={t('org.nameZh')}>{d.nameZh}</td>
                  <td data-label={t('admin.creditCode')}>{d.creditCode ?? '—'}</td>
                  <td data-label={t('orgIdentity.natureCode')}>{d.recordedNatureCode ?? '—'}</td>
                  <td data-label={t('admin.kind')}>{t(`orgKind.${d.kind}`)}{d.kind === 'Institution' && d.institutionType ? ` · ${t(`org.${d.institutionType}`)}` : ''}</td>
                  <td data-label={t('admin.region')}>{d.regionName || d.regionCode} <small className="muted">{d.regionCode}</small></td>
                  <td data-label={t('orgIdentity.contracts')}>{t('orgIdentity.contractCounts', { seller: d.sellerContracts, buyer: d.buyerContracts })}</td>
                  <td className="actions-cell">
                    <button type="button" className="btn btn-small btn-primary" onClick={() => setOpen({ id: d.id, action: 'confirm' })} data-testid="draft-confirm">{t('orgIdentity.confirm')}</button>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen({ id: d.id, action: 'merge' })} data-testid="draft-merge">{t('orgIdentity.mergeIntoExisting')}</button>
                    <Link className="btn btn-small btn-ghost" to={`/admin?tab=audit&target=${d.id}`}>{t('orgIdentity.audit')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
      {draft && open?.action === 'confirm' && <ConfirmDraft key={draft.id} draft={draft} onDone={done} />}
      {draft && open?.action === 'merge' && <MergeInto key={draft.id} source={draft} onDone={done} />}
    </>
  );
}

type Draft = NonNullable<Awaited<ReturnType<typeof organisations.drafts>>>['items'][number];

function ConfirmDraft({ draft, onDone }: { draft: Draft; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<KindChoice>({ kind: draft.kind, institutionType: draft.institutionType ?? null });
  const [regionCode, setRegionCode] = useState(draft.regionCode.trim());
  const [error, setError] = useState<unknown>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await organisations.confirmDraft(draft.id, { kind: choice.kind, institutionType: choice.institutionType, regionCode, version: Number(draft.version) });
      onDone(t('orgIdentity.confirmed', { name: draft.nameZh }));
    } catch (err) { setError(err); }
  };
  return (
    <form className="card inline-form" onSubmit={save} aria-label={t('orgIdentity.confirmTitle', { name: draft.nameZh })} data-testid="confirm-draft">
      <h3>{t('orgIdentity.confirmTitle', { name: draft.nameZh })}</h3>
      <KindFields value={choice} onChange={setChoice} idPrefix="confirm" />
      <label htmlFor="confirm-region">{t('org.regionCode')}</label>
      <input id="confirm-region" value={regionCode} onChange={(e) => setRegionCode(e.target.value)} maxLength={6} data-testid="confirm-region" />
      <ErrorMessage error={error} />
      <button type="submit" className="btn btn-primary" disabled={choice.kind === 'Unknown'} data-testid="confirm-draft-save">{t('orgIdentity.confirm')}</button>
    </form>
  );
}
