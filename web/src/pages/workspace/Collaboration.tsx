import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { listings, organisations } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { orgName } from '../../components/listing';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { useAsync, useLang } from '../../lib/hooks';
import { joinList } from '../../lib/format';

type S = components['schemas'];

/** My institution's joint R&D institutions, spin-offs and validation projects (paper Table 6; concept validation). */
export function CollaborationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const institutionId = me?.organisation?.id;
  const res = useAsync(() => data(http.GET('/api/collaboration', { params: { query: { institutionId } } })), [institutionId], !!institutionId);
  const enterprises = useAsync(() => organisations.search({ Kind: 'Enterprise', PageSize: 100 }), []);
  const mine = useAsync(() => listings.mine('achievements', { PageSize: 100 }), []);
  const [notice, setNotice] = useState<string | null>(null);
  const entName = (id: string) => { const o = enterprises.data?.items.find((x) => x.id === id); return o ? orgName(o, lang) : id.slice(0, 8); };
  const achTitle = (id: string | null) => (id ? mine.data?.items.find((x) => x.id === id)?.title ?? id.slice(0, 8) : '—');
  // One record is edited at a time, in place of its row; "close" opens the same form with the closing status set.
  const [editing, setEditing] = useState<Editing | null>(null);
  const saved = () => { setNotice(t('workspace.saved')); setEditing(null); res.reload(); };
  const isEditing = (kind: Editing['kind'], id: string) => editing?.kind === kind && editing.id === id;
  const cancel = () => setEditing(null);

  return (
    <section className="page" aria-labelledby="collab-title" data-testid="collaboration-page">
      <h1 id="collab-title">{t('collab.title')}</h1>
      {!institutionId ? <Notice kind="warning">{t('workspace.noOrganisation')}</Notice> : (
        <>
          {notice && <Notice kind="success">{notice}</Notice>}
          <ErrorMessage error={res.error} onRetry={res.reload} />
          {res.loading && !res.data ? <Loading /> : null}
          {res.data && (
            <>
              <section aria-labelledby="jri-title" className="card">
                <h2 id="jri-title">{t('collab.joint')}</h2>
                <table className="table" data-testid="collab-joint">
                  <thead><tr><th scope="col">{t('collab.name')}</th><th scope="col">{t('collab.partners')}</th><th scope="col">{t('collab.established')}</th><th scope="col">{t('listing.status')}</th><th scope="col"><span className="sr-only">{t('collabEdit.actions')}</span></th></tr></thead>
                  <tbody>
                    {res.data.jointInstitutions.length === 0 && <tr><td colSpan={5} className="muted">{t('common.none')}</td></tr>}
                    {res.data.jointInstitutions.map((j) => isEditing('joint', j.id) ? (
                      <tr key={j.id}><td colSpan={5}><JointForm institutionId={institutionId} enterprises={enterprises.data?.items ?? []} onSaved={saved} record={j} preset={editing?.preset} onCancel={cancel} /></td></tr>
                    ) : (
                      <tr key={j.id} data-testid="collab-joint-row"><td>{j.name}</td><td>{joinList(j.partnerOrganisationIds.map(entName), lang)}</td><td><DateText value={j.establishedOn} /></td><td><Badge tone={j.status === 'Active' ? 'good' : 'neutral'}>{t(`collab.status.${j.status}`)}</Badge></td>
                        <td className="row-actions"><RowActions onEdit={() => setEditing({ kind: 'joint', id: j.id })} onClose={j.status === 'Active' ? () => setEditing({ kind: 'joint', id: j.id, preset: 'Dissolved' }) : undefined} closeLabel={t('collabEdit.dissolve')} /></td></tr>
                    ))}
                  </tbody>
                </table>
                <JointForm institutionId={institutionId} enterprises={enterprises.data?.items ?? []} onSaved={saved} />
              </section>
              <section aria-labelledby="spin-title" className="card">
                <h2 id="spin-title">{t('collab.spinOffs')}</h2>
                <table className="table" data-testid="collab-spinoffs">
                  <thead><tr><th scope="col">{t('collab.enterprise')}</th><th scope="col">{t('collab.relation')}</th><th scope="col">{t('collab.date')}</th><th scope="col">{t('collab.achievement')}</th><th scope="col"><span className="sr-only">{t('collabEdit.actions')}</span></th></tr></thead>
                  <tbody>
                    {res.data.spinOffs.length === 0 && <tr><td colSpan={5} className="muted">{t('common.none')}</td></tr>}
                    {res.data.spinOffs.map((s) => isEditing('spin', s.id) ? (
                      <tr key={s.id}><td colSpan={5}><SpinOffForm institutionId={institutionId} enterprises={enterprises.data?.items ?? []} achievements={mine.data?.items ?? []} onSaved={saved} record={s} onCancel={cancel} /></td></tr>
                    ) : (
                      <tr key={s.id} data-testid="collab-spinoff-row"><td>{entName(s.enterpriseId)}</td><td>{t(`collab.relations.${s.relation}`)}</td><td><DateText value={s.date} /></td><td>{achTitle(s.achievementId ?? null)}</td>
                        <td className="row-actions"><RowActions onEdit={() => setEditing({ kind: 'spin', id: s.id })} /></td></tr>
                    ))}
                  </tbody>
                </table>
                <SpinOffForm institutionId={institutionId} enterprises={enterprises.data?.items ?? []} achievements={mine.data?.items ?? []} onSaved={saved} />
              </section>
              <section aria-labelledby="val-title" className="card">
                <h2 id="val-title">{t('collab.validation')}</h2>
                <table className="table" data-testid="collab-validation">
                  <thead><tr><th scope="col">{t('collab.name')}</th><th scope="col">{t('collab.achievement')}</th><th scope="col">{t('collab.kind')}</th><th scope="col">TRL</th><th scope="col">{t('collab.started')}</th><th scope="col">{t('listing.status')}</th><th scope="col"><span className="sr-only">{t('collabEdit.actions')}</span></th></tr></thead>
                  <tbody>
                    {res.data.validationProjects.length === 0 && <tr><td colSpan={7} className="muted">{t('common.none')}</td></tr>}
                    {res.data.validationProjects.map((v) => isEditing('val', v.id) ? (
                      <tr key={v.id}><td colSpan={7}><ValidationForm achievements={mine.data?.items ?? []} onSaved={saved} record={v} preset={editing?.preset} onCancel={cancel} /></td></tr>
                    ) : (
                      <tr key={v.id} data-testid="collab-validation-row"><td>{v.name}{v.platform ? <small className="muted"> · {v.platform}</small> : null}</td><td>{achTitle(v.achievementId)}</td><td>{t(`collab.kinds.${v.kind}`)}</td><td>{v.trlBefore} → {v.trlAfter ?? '…'}</td><td><DateText value={v.startedOn} />{v.completedOn ? <> – <DateText value={v.completedOn} /></> : null}</td><td>{t(`collab.vstatus.${v.status}`)}</td>
                        <td className="row-actions"><RowActions onEdit={() => setEditing({ kind: 'val', id: v.id })} onClose={v.status === 'Planned' || v.status === 'Running' ? () => setEditing({ kind: 'val', id: v.id, preset: 'Completed' }) : undefined} closeLabel={t('collabEdit.complete')} /></td></tr>
                    ))}
                  </tbody>
                </table>
                <ValidationForm achievements={mine.data?.items ?? []} onSaved={saved} />
              </section>
            </>
          )}
        </>
      )}
    </section>
  );
}

type Org = S['OrganisationView'];
type Ach = S['AchievementView'];
type Editing = { kind: 'joint' | 'spin' | 'val'; id: string; preset?: string };
const today = () => new Date().toISOString().slice(0, 10);

function RowActions({ onEdit, onClose, closeLabel }: { onEdit: () => void; onClose?: () => void; closeLabel?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn btn-small btn-ghost" onClick={onEdit} data-testid="collab-edit">{t('common.edit')}</button>
      {onClose && <button type="button" className="btn btn-small btn-ghost" onClick={onClose} data-testid="collab-close">{closeLabel}</button>}
    </>
  );
}

/** Save or cancel: the buttons of a form that records a new item or edits one in place. */
function FormButtons({ editing, busy, onCancel }: { editing: boolean; busy: boolean; onCancel?: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="submit" className="btn btn-small" disabled={busy} data-testid={editing ? 'collab-save' : undefined}>{editing ? t('common.save') : t('collab.add')}</button>
      {editing && <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>{t('collabEdit.cancel')}</button>}
    </>
  );
}

function useSubmit(onSaved: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (call: () => Promise<unknown>) => {
    setBusy(true); setError(null);
    try { await call(); onSaved(); return true; } catch (e) { setError(e); return false; } finally { setBusy(false); }
  };
  return { error, busy, submit, fe: error instanceof ApiError ? error.fieldErrors : undefined };
}

function JointForm({ institutionId, enterprises, onSaved, record, preset, onCancel }: {
  institutionId: string; enterprises: Org[]; onSaved: () => void; record?: S['JointRdInstitutionView']; preset?: string; onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [f, setF] = useState({
    name: record?.name ?? '', partners: record?.partnerOrganisationIds ?? [] as string[], establishedOn: record?.establishedOn ?? today(),
    status: (preset ?? record?.status ?? 'Active') as S['CollaborationStatus'],
  });
  const s = useSubmit(onSaved);
  const body: S['JointRdInstitutionInput'] = { name: f.name, institutionId, partnerOrganisationIds: f.partners, establishedOn: f.establishedOn, status: f.status };
  const go = (e: FormEvent) => {
    e.preventDefault();
    void s.submit(() => record
      ? data(http.PUT('/api/collaboration/joint-institutions/{id}', { params: { path: { id: record.id } }, body: { institution: body, version: record.version } }))
      : data(http.POST('/api/collaboration/joint-institutions', { body }))).then((ok) => ok && !record && setF({ ...f, name: '' }));
  };
  const choose = (value: string) => setF({ ...f, partners: value ? [value, ...f.partners.slice(1)] : f.partners.slice(1) });
  return (
    <form className="inline-form" onSubmit={go} aria-label={record ? t('collabEdit.editJoint') : t('collab.addJoint')} data-testid={record ? 'collab-edit-form' : undefined}>
      <Field label={t('collab.name')} name="name" errors={s.fe}>{(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}</Field>
      <Field label={t('collab.partners')} name="partnerOrganisationIds" errors={s.fe}>{(p) => <select {...p} value={f.partners[0] ?? ''} onChange={(e) => choose(e.target.value)}><option value="">—</option>{enterprises.map((o) => <option key={o.id} value={o.id}>{orgName(o, lang)}</option>)}</select>}</Field>
      {f.partners.length > 1 && <small className="muted">{t('collabEdit.morePartners', { count: f.partners.length - 1 })}</small>}
      <Field label={t('collab.established')} name="establishedOn" errors={s.fe}>{(p) => <input {...p} type="date" value={f.establishedOn} onChange={(e) => setF({ ...f, establishedOn: e.target.value })} />}</Field>
      {record && <Field label={t('listing.status')} name="status" errors={s.fe}>{(p) => <select {...p} value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as S['CollaborationStatus'] })}>{['Active', 'Dissolved'].map((v) => <option key={v} value={v}>{t(`collab.status.${v}`)}</option>)}</select>}</Field>}
      <FormButtons editing={!!record} busy={s.busy} onCancel={onCancel} />
      <ErrorMessage error={s.error} />
    </form>
  );
}

function SpinOffForm({ institutionId, enterprises, achievements, onSaved, record, onCancel }: {
  institutionId: string; enterprises: Org[]; achievements: Ach[]; onSaved: () => void; record?: S['SpinOffView']; onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [f, setF] = useState({
    enterpriseId: record?.enterpriseId ?? '', relation: (record?.relation ?? 'Created') as S['SpinOffRelation'], date: record?.date ?? today(), achievementId: record?.achievementId ?? '',
  });
  const s = useSubmit(onSaved);
  const body: S['SpinOffInput'] = { ...f, institutionId, achievementId: f.achievementId || null };
  const go = (e: FormEvent) => {
    e.preventDefault();
    void s.submit(() => record
      ? data(http.PUT('/api/collaboration/spin-offs/{id}', { params: { path: { id: record.id } }, body: { spinOff: body, version: record.version } }))
      : data(http.POST('/api/collaboration/spin-offs', { body })));
  };
  return (
    <form className="inline-form" onSubmit={go} aria-label={record ? t('collabEdit.editSpinOff') : t('collab.addSpinOff')} data-testid={record ? 'collab-edit-form' : undefined}>
      <Field label={t('collab.enterprise')} name="enterpriseId" errors={s.fe}>{(p) => <select {...p} value={f.enterpriseId} onChange={(e) => setF({ ...f, enterpriseId: e.target.value })}><option value="">—</option>{enterprises.map((o) => <option key={o.id} value={o.id}>{orgName(o, lang)}</option>)}</select>}</Field>
      <Field label={t('collab.relation')} name="relation" errors={s.fe}>{(p) => <select {...p} value={f.relation} onChange={(e) => setF({ ...f, relation: e.target.value as S['SpinOffRelation'] })}>{['Created', 'Invested'].map((r) => <option key={r} value={r}>{t(`collab.relations.${r}`)}</option>)}</select>}</Field>
      <Field label={t('collab.date')} name="date" errors={s.fe}>{(p) => <input {...p} type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />}</Field>
      <Field label={t('collab.achievement')} name="achievementId" errors={s.fe}>{(p) => <select {...p} value={f.achievementId} onChange={(e) => setF({ ...f, achievementId: e.target.value })}><option value="">—</option>{achievements.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}</select>}</Field>
      <FormButtons editing={!!record} busy={s.busy} onCancel={onCancel} />
      <ErrorMessage error={s.error} />
    </form>
  );
}

function ValidationForm({ achievements, onSaved, record, preset, onCancel }: {
  achievements: Ach[]; onSaved: () => void; record?: S['ValidationProjectView']; preset?: string; onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<S['ValidationProjectInput']>(record ? {
    achievementId: record.achievementId, name: record.name, kind: record.kind, platform: record.platform ?? '', trlBefore: record.trlBefore,
    trlAfter: record.trlAfter ?? (preset === 'Completed' ? Math.min(9, record.trlBefore + 1) : null), startedOn: record.startedOn,
    completedOn: record.completedOn ?? (preset === 'Completed' ? today() : null), status: (preset ?? record.status) as S['ValidationProjectStatus'],
  } : { achievementId: '', name: '', kind: 'ConceptValidation', platform: '', trlBefore: 3, trlAfter: null, startedOn: today(), completedOn: null, status: 'Running' });
  const s = useSubmit(onSaved);
  const body: S['ValidationProjectInput'] = { ...f, platform: f.platform || null, completedOn: f.completedOn || null };
  const go = (e: FormEvent) => {
    e.preventDefault();
    void s.submit(() => record
      ? data(http.PUT('/api/collaboration/validation-projects/{id}', { params: { path: { id: record.id } }, body: { project: body, version: record.version } }))
      : data(http.POST('/api/collaboration/validation-projects', { body })));
  };
  const ended = f.status === 'Completed' || f.status === 'Abandoned';
  return (
    <form className="inline-form" onSubmit={go} aria-label={record ? t('collabEdit.editValidation') : t('collab.addValidation')} data-testid={record ? 'collab-edit-form' : undefined}>
      <Field label={t('collab.achievement')} name="achievementId" errors={s.fe}>{(p) => <select {...p} value={f.achievementId} onChange={(e) => { const a = achievements.find((x) => x.id === e.target.value); setF({ ...f, achievementId: e.target.value, trlBefore: a?.trl ?? f.trlBefore }); }}><option value="">—</option>{achievements.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}</select>}</Field>
      <Field label={t('collab.name')} name="name" errors={s.fe}>{(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}</Field>
      <Field label={t('collab.kind')} name="kind" errors={s.fe}>{(p) => <select {...p} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as S['ValidationProjectKind'] })}>{['ConceptValidation', 'Pilot'].map((k) => <option key={k} value={k}>{t(`collab.kinds.${k}`)}</option>)}</select>}</Field>
      <Field label={t('collab.platform')} name="platform" errors={s.fe}>{(p) => <input {...p} value={f.platform ?? ''} onChange={(e) => setF({ ...f, platform: e.target.value })} />}</Field>
      <Field label={t('collab.trlBefore')} name="trlBefore" errors={s.fe}>{(p) => <input {...p} type="number" min={1} max={9} value={f.trlBefore} onChange={(e) => setF({ ...f, trlBefore: Number(e.target.value) })} />}</Field>
      <Field label={t('collab.started')} name="startedOn" errors={s.fe}>{(p) => <input {...p} type="date" value={f.startedOn} onChange={(e) => setF({ ...f, startedOn: e.target.value })} />}</Field>
      {record && <Field label={t('listing.status')} name="status" errors={s.fe}>{(p) => <select {...p} value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as S['ValidationProjectStatus'] })}>{['Planned', 'Running', 'Completed', 'Abandoned'].map((v) => <option key={v} value={v}>{t(`collab.vstatus.${v}`)}</option>)}</select>}</Field>}
      {record && ended && <Field label={t('collabEdit.trlAfter')} name="trlAfter" errors={s.fe}>{(p) => <input {...p} type="number" min={1} max={9} value={f.trlAfter ?? ''} onChange={(e) => setF({ ...f, trlAfter: e.target.value ? Number(e.target.value) : null })} />}</Field>}
      {record && ended && <Field label={t('collabEdit.completedOn')} name="completedOn" errors={s.fe}>{(p) => <input {...p} type="date" value={f.completedOn ?? ''} onChange={(e) => setF({ ...f, completedOn: e.target.value || null })} />}</Field>}
      <FormButtons editing={!!record} busy={s.busy} onCancel={onCancel} />
      <ErrorMessage error={s.error} />
    </form>
  );
}
