import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { validation, type ValidationApplication, type ValidationCentre } from '../../api/validation';
import { isAdmin, useAuth } from '../../auth/AuthContext';
import { Badge, DateText, ErrorMessage, Loading } from '../../components/ui';
import { useAsync } from '../../lib/hooks';
import { CentreEditor } from './ValidationCentreEditor';

const STATUS_TONE = { Submitted: 'info', InProgress: 'warn', Declined: 'bad', Completed: 'good' } as const;

/** Validation applications: the applicant's, the centre's queue (accept, decline, milestones, result) and the bureau's pipeline. */
export function ValidationPage() {
  const { t } = useTranslation();
  const { me, hasRole } = useAuth();
  const applications = useAsync((s) => validation.applications({}, s), []);
  const centres = useAsync((s) => validation.centres({}, s), []);
  const oversees = hasRole('BureauAnalyst') || isAdmin(me);
  const orgId = me?.organisation?.id;
  const hosted = (centres.data ?? []).filter((c) => c.hostOrganisationId === orgId);
  const hostOf = (a: ValidationApplication) => hosted.some((c) => c.id === a.centreId) || isAdmin(me);
  const reload = () => { applications.reload(); centres.reload(); };

  return (
    <section className="page" aria-labelledby="validation-title" data-testid="validation-page">
      <header className="page-header">
        <h1 id="validation-title">{t('validation.title')}</h1>
        <p className="muted">{t('validation.lead')} <Link to="/validation">{t('validation.directory')}</Link></p>
      </header>
      {oversees && <Pipeline />}
      <section aria-labelledby="applications-title" className="card">
        <h2 id="applications-title">{t('validation.applications')}</h2>
        <ErrorMessage error={applications.error} onRetry={applications.reload} />
        {applications.loading && !applications.data ? <Loading /> : null}
        {applications.data && (applications.data.length === 0 ? <p className="empty">{t('validation.noApplications')}</p> : (
          <ul className="card-list" data-testid="validation-applications">
            {applications.data.map((a) => <ApplicationCard key={a.id} a={a} isCentre={hostOf(a)} onChanged={reload} />)}
          </ul>
        ))}
      </section>
      {(isAdmin(me) || hosted.length > 0) && (
        <section aria-labelledby="centres-edit-title" className="card">
          <h2 id="centres-edit-title">{t('validation.ourCentres')}</h2>
          {(isAdmin(me) ? centres.data ?? [] : hosted).map((c: ValidationCentre) => <CentreEditor key={c.id} centre={c} onSaved={centres.reload} />)}
          {isAdmin(me) && <CentreEditor centre={null} onSaved={centres.reload} />}
        </section>
      )}
    </section>
  );
}

function ApplicationCard({ a, isCentre, onChanged }: { a: ValidationApplication; isCentre: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [start, setStart] = useState(new Date().toISOString().slice(0, 10));
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const [milestone, setMilestone] = useState('');
  const [trlAfter, setTrlAfter] = useState(String(Math.min(9, a.trlBefore + 2)));
  const [report, setReport] = useState('');
  const [reportUrl, setReportUrl] = useState('');
  const today = new Date().toISOString().slice(0, 10);
  const act = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li className="card stack" data-testid="validation-application" data-status={a.status}>
      <h3><Link to={`/achievements/${a.achievementId}`}>{a.achievementTitle}</Link></h3>
      <p className="badges">
        <Badge tone={STATUS_TONE[a.status]} testId="application-status">{t(`validation.status.${a.status}`)}</Badge>
        <Badge testId="application-trl">{a.trlAfter != null ? t('validation.trlGain', { before: a.trlBefore, after: a.trlAfter }) : `TRL ${a.trlBefore}`}</Badge>
      </p>
      <dl className="meta">
        <dt>{t('validation.centre')}</dt><dd>{a.centreName}</dd>
        <dt>{t('validation.institution')}</dt><dd>{a.institutionName}</dd>
        <dt>{t('validation.plan')}</dt><dd>{a.plan}</dd>
        {a.scheduledStart && <><dt>{t('validation.schedule')}</dt><dd><DateText value={a.scheduledStart} /> – <DateText value={a.scheduledEnd} /></dd></>}
        {a.declineReason && <><dt>{t('validation.declineReason')}</dt><dd>{a.declineReason}</dd></>}
        {a.reportText && <><dt>{t('validation.report')}</dt><dd>{a.reportText} {a.reportUrl && <a href={a.reportUrl} rel="noreferrer noopener" target="_blank">{t('validation.reportLink')}</a>}</dd></>}
      </dl>
      {a.milestones.length > 0 && (
        <ol className="small" data-testid="application-milestones">
          {a.milestones.map((m, i) => <li key={i}><DateText value={m.date} /> {m.title}{m.note ? ` — ${m.note}` : ''}</li>)}
        </ol>
      )}
      {isCentre && a.status === 'Submitted' && (
        <div className="inline-form">
          <label>{t('validation.start')} <input type="date" value={start} onChange={(e) => setStart(e.target.value)} data-testid="accept-start" /></label>
          <label>{t('validation.end')} <input type="date" value={end} onChange={(e) => setEnd(e.target.value)} data-testid="accept-end" /></label>
          <button type="button" className="btn btn-small btn-primary" data-testid="application-accept"
            onClick={() => act(() => validation.accept(a.id, a.version, start, end || start))}>{t('validation.accept')}</button>
          <label>{t('validation.declineReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decline-reason" /></label>
          <button type="button" className="btn btn-small btn-danger" data-testid="application-decline"
            onClick={() => act(() => validation.decline(a.id, a.version, reason))}>{t('validation.decline')}</button>
        </div>
      )}
      {isCentre && a.status === 'InProgress' && (
        <div className="inline-form">
          <label>{t('validation.milestone')} <input value={milestone} onChange={(e) => setMilestone(e.target.value)} data-testid="milestone-title" /></label>
          <button type="button" className="btn btn-small" data-testid="application-milestone"
            onClick={() => act(() => validation.milestone(a.id, a.version, milestone, today, null))}>{t('validation.addMilestone')}</button>
          <label>{t('validation.trlAfter')}{' '}
            <select value={trlAfter} onChange={(e) => setTrlAfter(e.target.value)} data-testid="complete-trl">
              {[1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => n >= a.trlBefore).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <label>{t('validation.report')} <input value={report} onChange={(e) => setReport(e.target.value)} data-testid="complete-report" /></label>
          <label>{t('validation.reportLink')} <input value={reportUrl} onChange={(e) => setReportUrl(e.target.value)} data-testid="complete-url" /></label>
          <button type="button" className="btn btn-small btn-primary" data-testid="application-complete"
            onClick={() => act(() => validation.complete(a.id, a.version, Number(trlAfter), today, report, reportUrl.trim() || null))}>{t('validation.complete')}</button>
        </div>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}

/** The bureau's pipeline by institution and by field. */
function Pipeline() {
  const { t } = useTranslation();
  const pipeline = useAsync((s) => validation.pipeline(s), []);
  const p = pipeline.data;
  const head = (
    <tr>
      <th scope="col" />
      {(['applications', 'submitted', 'inProgress', 'completed', 'declined', 'trlGained', 'contractsFollowed'] as const).map((k) =>
        <th key={k} scope="col">{t(`validation.pipe.${k}`)}</th>)}
    </tr>
  );
  const row = (r: NonNullable<typeof p>['total'], label: string) => (
    <tr key={r.key}>
      <th scope="row">{label}</th>
      <td>{r.applications}</td><td>{r.submitted}</td><td>{r.inProgress}</td><td>{r.completed}</td><td>{r.declined}</td>
      <td>{r.trlGained}</td><td>{r.contractsFollowed}</td>
    </tr>
  );
  return (
    <section aria-labelledby="pipeline-title" className="card" data-testid="validation-pipeline">
      <h2 id="pipeline-title">{t('validation.pipeline')}</h2>
      <ErrorMessage error={pipeline.error} onRetry={pipeline.reload} />
      {p && (
        <>
          <table className="table" data-testid="pipeline-institutions">
            <caption>{t('validation.byInstitution')}</caption>
            <thead>{head}</thead>
            <tbody>{p.byInstitution.map((r) => row(r, r.label))}{row(p.total, t('validation.total'))}</tbody>
          </table>
          <table className="table" data-testid="pipeline-fields">
            <caption>{t('validation.byField')}</caption>
            <thead>{head}</thead>
            <tbody>{p.byField.map((r) => row(r, t(`field.${r.key}`)))}</tbody>
          </table>
        </>
      )}
    </section>
  );
}
