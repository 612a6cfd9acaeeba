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
  const saved = () => { setNotice(t('workspace.saved')); res.reload(); };

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
                  <thead><tr><th scope="col">{t('collab.name')}</th><th scope="col">{t('collab.partners')}</th><th scope="col">{t('collab.established')}</th><th scope="col">{t('listing.status')}</th></tr></thead>
                  <tbody>
                    {res.data.jointInstitutions.length === 0 && <tr><td colSpan={4} className="muted">{t('common.none')}</td></tr>}
                    {res.data.jointInstitutions.map((j) => <tr key={j.id}><td>{j.name}</td><td>{joinList(j.partnerOrganisationIds.map(entName), lang)}</td><td><DateText value={j.establishedOn} /></td><td><Badge tone={j.status === 'Active' ? 'good' : 'neutral'}>{t(`collab.status.${j.status}`)}</Badge></td></tr>)}
                  </tbody>
                </table>
                <JointForm institutionId={institutionId} enterprises={enterprises.data?.items ?? []} onSaved={saved} />
              </section>
              <section aria-labelledby="spin-title" className="card">
                <h2 id="spin-title">{t('collab.spinOffs')}</h2>
                <table className="table" data-testid="collab-spinoffs">
                  <thead><tr><th scope="col">{t('collab.enterprise')}</th><th scope="col">{t('collab.relation')}</th><th scope="col">{t('collab.date')}</th><th scope="col">{t('collab.achievement')}</th></tr></thead>
                  <tbody>
                    {res.data.spinOffs.length === 0 && <tr><td colSpan={4} className="muted">{t('common.none')}</td></tr>}
                    {res.data.spinOffs.map((s) => <tr key={s.id}><td>{entName(s.enterpriseId)}</td><td>{t(`collab.relations.${s.relation}`)}</td><td><DateText value={s.date} /></td><td>{achTitle(s.achievementId ?? null)}</td></tr>)}
                  </tbody>
                </table>
                <SpinOffForm institutionId={institutionId} enterprises={enterprises.data?.items ?? []} achievements={mine.data?.items ?? []} onSaved={saved} />
              </section>
              <section aria-labelledby="val-title" className="card">
                <h2 id="val-title">{t('collab.validation')}</h2>
                <table className="table" data-testid="collab-validation">
                  <thead><tr><th scope="col">{t('collab.name')}</th><th scope="col">{t('collab.achievement')}</th><th scope="col">{t('collab.kind')}</th><th scope="col">TRL</th><th scope="col">{t('collab.started')}</th><th scope="col">{t('listing.status')}</th></tr></thead>
                  <tbody>
                    {res.data.validationProjects.length === 0 && <tr><td colSpan={6} className="muted">{t('common.none')}</td></tr>}
                    {res.data.validationProjects.map((v) => <tr key={v.id}><td>{v.name}{v.platform ? <small className="muted"> · {v.platform}</small> : null}</td><td>{achTitle(v.achievementId)}</td><td>{t(`collab.kinds.${v.kind}`)}</td><td>{v.trlBefore} → {v.trlAfter ?? '…'}</td><td><DateText value={v.startedOn} /></td><td>{t(`collab.vstatus.${v.status}`)}</td></tr>)}
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
const today = () => new Date().toISOString().slice(0, 10);

function useSubmit(onSaved: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (call: () => Promise<unknown>) => {
    setBusy(true); setError(null);
    try { await call(); onSaved(); return true; } catch (e) { setError(e); return false; } finally { setBusy(false); }
  };
  return { error, busy, submit, fe: error instanceof ApiError ? error.fieldErrors : undefined };
}

function JointForm({ institutionId, enterprises, onSaved }: { institutionId: string; enterprises: Org[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [f, setF] = useState({ name: '', partner: '', establishedOn: today() });
  const s = useSubmit(onSaved);
  const body: S['JointRdInstitutionInput'] = { name: f.name, institutionId, partnerOrganisationIds: f.partner ? [f.partner] : [], establishedOn: f.establishedOn, status: 'Active' };
  const go = (e: FormEvent) => { e.preventDefault(); void s.submit(() => data(http.POST('/api/collaboration/joint-institutions', { body }))).then((ok) => ok && setF({ ...f, name: '' })); };
  return (
    <form className="inline-form" onSubmit={go} aria-label={t('collab.addJoint')}>
      <Field label={t('collab.name')} name="name" errors={s.fe}>{(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}</Field>
      <Field label={t('collab.partners')} name="partnerOrganisationIds" errors={s.fe}>{(p) => <select {...p} value={f.partner} onChange={(e) => setF({ ...f, partner: e.target.value })}><option value="">—</option>{enterprises.map((o) => <option key={o.id} value={o.id}>{orgName(o, lang)}</option>)}</select>}</Field>
      <Field label={t('collab.established')} name="establishedOn" errors={s.fe}>{(p) => <input {...p} type="date" value={f.establishedOn} onChange={(e) => setF({ ...f, establishedOn: e.target.value })} />}</Field>
      <button type="submit" className="btn btn-small" disabled={s.busy}>{t('collab.add')}</button>
      <ErrorMessage error={s.error} />
    </form>
  );
}

function SpinOffForm({ institutionId, enterprises, achievements, onSaved }: { institutionId: string; enterprises: Org[]; achievements: Ach[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [f, setF] = useState({ enterpriseId: '', relation: 'Created' as S['SpinOffRelation'], date: today(), achievementId: '' });
  const s = useSubmit(onSaved);
  const body: S['SpinOffInput'] = { ...f, institutionId, achievementId: f.achievementId || null };
  const go = (e: FormEvent) => { e.preventDefault(); void s.submit(() => data(http.POST('/api/collaboration/spin-offs', { body }))); };
  return (
    <form className="inline-form" onSubmit={go} aria-label={t('collab.addSpinOff')}>
      <Field label={t('collab.enterprise')} name="enterpriseId" errors={s.fe}>{(p) => <select {...p} value={f.enterpriseId} onChange={(e) => setF({ ...f, enterpriseId: e.target.value })}><option value="">—</option>{enterprises.map((o) => <option key={o.id} value={o.id}>{orgName(o, lang)}</option>)}</select>}</Field>
      <Field label={t('collab.relation')} name="relation" errors={s.fe}>{(p) => <select {...p} value={f.relation} onChange={(e) => setF({ ...f, relation: e.target.value as S['SpinOffRelation'] })}>{['Created', 'Invested'].map((r) => <option key={r} value={r}>{t(`collab.relations.${r}`)}</option>)}</select>}</Field>
      <Field label={t('collab.date')} name="date" errors={s.fe}>{(p) => <input {...p} type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />}</Field>
      <Field label={t('collab.achievement')} name="achievementId" errors={s.fe}>{(p) => <select {...p} value={f.achievementId} onChange={(e) => setF({ ...f, achievementId: e.target.value })}><option value="">—</option>{achievements.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}</select>}</Field>
      <button type="submit" className="btn btn-small" disabled={s.busy}>{t('collab.add')}</button>
      <ErrorMessage error={s.error} />
    </form>
  );
}

function ValidationForm({ achievements, onSaved }: { achievements: Ach[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<S['ValidationProjectInput']>({ achievementId: '', name: '', kind: 'ConceptValidation', platform: '', trlBefore: 3, startedOn: today(), status: 'Running' });
  const s = useSubmit(onSaved);
  const body: S['ValidationProjectInput'] = { ...f, platform: f.platform || null, trlAfter: null, completedOn: null };
  const go = (e: FormEvent) => { e.preventDefault(); void s.submit(() => data(http.POST('/api/collaboration/validation-projects', { body }))); };
  return (
    <form className="inline-form" onSubmit={go} aria-label={t('collab.addValidation')}>
      <Field label={t('collab.achievement')} name="achievementId" errors={s.fe}>{(p) => <select {...p} value={f.achievementId} onChange={(e) => { const a = achievements.find((x) => x.id === e.target.value); setF({ ...f, achievementId: e.target.value, trlBefore: a?.trl ?? f.trlBefore }); }}><option value="">—</option>{achievements.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}</select>}</Field>
      <Field label={t('collab.name')} name="name" errors={s.fe}>{(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}</Field>
      <Field label={t('collab.kind')} name="kind" errors={s.fe}>{(p) => <select {...p} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as S['ValidationProjectKind'] })}>{['ConceptValidation', 'Pilot'].map((k) => <option key={k} value={k}>{t(`collab.kinds.${k}`)}</option>)}</select>}</Field>
      <Field label={t('collab.platform')} name="platform" errors={s.fe}>{(p) => <input {...p} value={f.platform ?? ''} onChange={(e) => setF({ ...f, platform: e.target.value })} />}</Field>
      <Field label={t('collab.trlBefore')} name="trlBefore" errors={s.fe}>{(p) => <input {...p} type="number" min={1} max={9} value={f.trlBefore} onChange={(e) => setF({ ...f, trlBefore: Number(e.target.value) })} />}</Field>
      <Field label={t('collab.started')} name="startedOn" errors={s.fe}>{(p) => <input {...p} type="date" value={f.startedOn} onChange={(e) => setF({ ...f, startedOn: e.target.value })} />}</Field>
      <button type="submit" className="btn btn-small" disabled={s.busy}>{t('collab.add')}</button>
      <ErrorMessage error={s.error} />
    </form>
  );
}
