import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listings } from '../api/endpoints';
import { TECHNICAL_FIELDS } from '../api/types';
import { CENTRE_KINDS, validation, type TechnicalField, type ValidationCentre, type ValidationCentreKind } from '../api/validation';
import { useAuth } from '../auth/AuthContext';
import { Badge, ErrorMessage, Loading, Notice } from '../components/ui';
import { useAsync, useLang } from '../lib/hooks';

/** The public directory of concept-validation centres and pilot bases; an institution's member applies from it. */
export function ValidationCentresPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { hasRole } = useAuth();
  const [field, setField] = useState<TechnicalField | ''>('');
  const [kind, setKind] = useState<ValidationCentreKind | ''>('');
  const centres = useAsync((s) => validation.centres({ field: field || undefined, kind: kind || undefined }, s), [field, kind]);
  const canApply = hasRole('InstitutionMember');

  return (
    <section className="page" aria-labelledby="centres-title" data-testid="validation-centres-page">
      <header className="page-header">
        <h1 id="centres-title">{t('validation.directory')}</h1>
        <p className="muted">{t('validation.directoryLead')}</p>
      </header>
      <div className="toolbar">
        <label>{t('validation.field')}{' '}
          <select value={field} onChange={(e) => setField(e.target.value as TechnicalField | '')} data-testid="centres-field">
            <option value="">{t('common.all')}</option>
            {TECHNICAL_FIELDS.map((f) => <option key={f} value={f}>{t(`field.${f}`)}</option>)}
          </select>
        </label>
        <label>{t('validation.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ValidationCentreKind | '')} data-testid="centres-kind">
            <option value="">{t('common.all')}</option>
            {CENTRE_KINDS.map((k) => <option key={k} value={k}>{t(`validation.kinds.${k}`)}</option>)}
          </select>
        </label>
      </div>
      <ErrorMessage error={centres.error} onRetry={centres.reload} />
      {centres.loading && !centres.data ? <Loading /> : null}
      {centres.data && (centres.data.length === 0 ? <p className="empty">{t('validation.noCentres')}</p> : (
        <ul className="card-list directory-list" data-testid="centres-list">
          {centres.data.map((c) => (
            <li key={c.id} className="card stack" data-testid="centre">
              <h2>{lang === 'en' ? c.nameEn || c.name : c.name}</h2>
              <p className="badges">
                <Badge tone="info">{t(`validation.kinds.${c.kind}`)}</Badge>
                <Badge tone={(c.free ?? 0) > 0 ? 'good' : 'warn'} testId="centre-free">{t('validation.capacityOf', { free: c.free, capacity: c.capacity })}</Badge>
                {c.fields.map((f) => <Badge key={f}>{t(`field.${f}`)}</Badge>)}
              </p>
              <dl className="meta">
                <dt>{t('validation.host')}</dt><dd>{c.hostName}</dd>
                <dt>{t('validation.services')}</dt><dd>{c.services}</dd>
                {c.equipment && <><dt>{t('validation.equipment')}</dt><dd>{c.equipment}</dd></>}
                {c.fees && <><dt>{t('validation.fees')}</dt><dd>{c.fees}</dd></>}
                <dt>{t('validation.contact')}</dt><dd>{c.contact}</dd>
                <dt>{t('validation.region')}</dt><dd>{c.regionName}</dd>
              </dl>
              {canApply && <ApplyForm centre={c} />}
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}

/** An institution's member applies with one of the institution's achievements and a plan. */
function ApplyForm({ centre }: { centre: ValidationCentre }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [achievementId, setAchievementId] = useState('');
  const [plan, setPlan] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const mine = useAsync((s) => listings.mine('achievements', { PageSize: 100 }, s), [], open);
  const submit = async () => {
    setError(null);
    try {
      await validation.apply(centre.id, achievementId, plan);
      setDone(true);
      setOpen(false);
    } catch (e) {
      setError(e);
    }
  };
  if (done) return <Notice kind="success" testId="apply-done">{t('validation.applied')} <Link to="/workspace/validation">{t('validation.myApplications')}</Link></Notice>;
  return (
    <div>
      <button type="button" className="btn btn-small btn-primary" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="centre-apply">{t('validation.apply')}</button>
      {open && (
        <div className="inline-form stack" data-testid="apply-form">
          <label>{t('validation.achievement')}{' '}
            <select value={achievementId} onChange={(e) => setAchievementId(e.target.value)} data-testid="apply-achievement">
              <option value="">{t('validation.chooseAchievement')}</option>
              {(mine.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}{a.trl ? ` (TRL ${a.trl})` : ''}</option>)}
            </select>
          </label>
          <label>{t('validation.plan')}{' '}<textarea value={plan} onChange={(e) => setPlan(e.target.value)} rows={3} data-testid="apply-plan" /></label>
          <button type="button" className="btn btn-small btn-primary" onClick={submit} data-testid="apply-submit">{t('validation.submit')}</button>
          <ErrorMessage error={error} />
        </div>
      )}
    </div>
  );
}
