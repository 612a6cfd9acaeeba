import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ListingKind } from '../../api/endpoints';
import type { QualityWarning } from '../../api/types';
import type { PublishGap } from '../../lib/quality';

const warningText = (t: (k: string, o?: Record<string, unknown>) => string, w: QualityWarning) =>
  t(`publishing.warning.${w.code}`, { defaultValue: t(`warning.${w.code}`, { defaultValue: w.message }) });

/** What the record lacks to go public (the server refuses to publish it with a 400 naming these fields). */
export function PublishGaps({ gaps, labelFor }: { gaps: PublishGap[]; labelFor: (field: string) => string }) {
  const { t } = useTranslation();
  if (gaps.length === 0) return null;
  return (
    <section className="warnings gate" aria-labelledby="gaps-title" data-testid="publish-gaps">
      <h2 id="gaps-title">{t('publishing.gapsTitle')}</h2>
      <p className="muted">{t('publishing.gapsLead')}</p>
      <ul>
        {gaps.map((g) => (
          <li key={g.field} data-testid="publish-gap" data-field={g.field}>
            <a href={`#field-${g.field}`}>{labelFor(g.field)}</a>: {t(`publishing.gap.${g.code}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The confirm step: the warnings listed once more, publish anyway or go back to the form. */
export function PublishConfirm({ warnings, labelFor, busy, onConfirm, onCancel }: {
  warnings: QualityWarning[]; labelFor: (field: string) => string; busy: boolean; onConfirm: () => void; onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="confirm-panel" role="alertdialog" aria-labelledby="confirm-title" data-testid="publish-confirm-panel">
      <h3 id="confirm-title">{t('publishing.confirmTitle', { count: warnings.length })}</h3>
      <ul>
        {warnings.map((w) => (
          <li key={w.code + w.field} data-testid="confirm-warning" data-code={w.code}>
            <a href={`#field-${w.field}`} onClick={onCancel}>{labelFor(w.field)}</a>: {warningText(t, w)}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onConfirm} data-testid="publish-confirm">{t('publishing.confirm')}</button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={onCancel} data-testid="publish-cancel">{t('publishing.keepEditing')}</button>
      </div>
    </div>
  );
}

/** After publishing: how many proposals are ready, with the way to them. */
export function ReadyProposals({ kind, id, strong, all }: { kind: ListingKind; id: string; strong: number; all: number }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info ready-proposals" role="status" data-testid="published-proposals" data-count={all} data-strong={strong}>
      {all === 0 ? t('publishing.noProposals') : t('publishing.proposalsReady', { count: all, strong })}
      {all > 0 && <> <Link to={`/workspace/${kind}/${id}/matches`} data-testid="published-proposals-link">{t('publishing.viewProposals')}</Link></>}
    </div>
  );
}
