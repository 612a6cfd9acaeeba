import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { contracts } from '../../api/endpoints';
import { Amount, DateText, ErrorMessage } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

/** An unsure reconciliation candidate of an import report: the file row, its registration number, the platform contracts it resembles. */
type Candidate = { row: number; registrationNumber: string; contractIds: string[] };

/** The candidates of a small import's report (`candidates`) or of a job (`reconciliation.candidates`). */
export function candidatesOf(answer: Record<string, unknown>): Candidate[] {
  const source = Array.isArray(answer.candidates) ? answer.candidates
    : (answer.reconciliation as { candidates?: unknown } | undefined)?.candidates;
  return Array.isArray(source) ? (source as Candidate[]).filter((c) => c && typeof c.registrationNumber === 'string') : [];
}

/**
 * The rows the import inserted although platform contracts of the same parties are close to them: the bureau
 * confirms which platform contract a row is (merged, counted once) or keeps it as a contract of its own.
 */
export function ImportReconciliation({ answer }: { answer: Record<string, unknown> }) {
  const { t } = useTranslation();
  const candidates = candidatesOf(answer);
  const [decided, setDecided] = useState<Record<string, 'confirmed' | 'dismissed'>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (candidates.length === 0) return null;
  const decide = async (registrationNumber: string, platformContractId: string | null) => {
    setBusy(true); setError(null);
    try {
      await contracts.reconcile({ registrationNumber, confirm: platformContractId !== null, platformContractId });
      setDecided({ ...decided, [registrationNumber]: platformContractId ? 'confirmed' : 'dismissed' });
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="reconciliation-title" data-testid="import-candidates">
      <h3 id="reconciliation-title">{t('reconciliation.title')}</h3>
      <p className="muted small">{t('reconciliation.hint')}</p>
      <ErrorMessage error={error} />
      <ul className="card-list">
        {candidates.map((c) => (
          <li key={c.registrationNumber} className="card" data-testid="import-candidate" data-number={c.registrationNumber} data-decided={decided[c.registrationNumber] ?? ''}>
            <p><strong>{t('reconciliation.row', { row: c.row, number: c.registrationNumber })}</strong></p>
            {decided[c.registrationNumber] ? <p data-testid="import-candidate-decided">{t(`reconciliation.${decided[c.registrationNumber]}`)}</p> : (
              <>
                <ul>
                  {c.contractIds.map((id) => (
                    <li key={id}>
                      <CandidateContract id={id} />{' '}
                      <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => decide(c.registrationNumber, id)} data-testid="import-candidate-confirm">
                        {t('reconciliation.confirm')}
                      </button>
                    </li>
                  ))}
                </ul>
                <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => decide(c.registrationNumber, null)} data-testid="import-candidate-dismiss">
                  {t('reconciliation.dismiss')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CandidateContract({ id }: { id: string }) {
  const contract = useAsync((signal) => contracts.get(id, signal), [id]);
  const c = contract.data;
  return (
    <Link to={`/workspace/contract-records/${id}`} data-testid="import-candidate-contract">
      {c ? <>{c.projectName} · <Amount value={c.totalAmount} /> · <DateText value={c.signedOn} /></> : id}
    </Link>
  );
}
