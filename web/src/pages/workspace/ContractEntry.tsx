import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { contracts, organisations } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { ContractInput, ContractView, PaymentMode } from '../../api/types';
import { CONTRACT_CATEGORIES, PAYMENT_MODES, TECHNICAL_FIELDS, TRANSFORMATION_MODES } from '../../api/types';
import { AmountInput } from '../../components/AmountInput';
import { ErrorMessage, Field } from '../../components/ui';

/** An organisation chosen by typing part of its name; the choice shows the name and can be cleared. */
export function OrganisationPicker({ label, value, name, onChange, testId }: {
  label: string; value: string | null; name: string | null; onChange: (id: string | null, name: string | null) => void; testId: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ id: string; nameZh: string }[]>([]);
  if (value) {
    return (
      <span className="chip" data-testid={`${testId}-chosen`}>
        {name ?? value}{' '}
        <button type="button" className="btn btn-small btn-ghost" aria-label={t('common.reset')} onClick={() => onChange(null, null)}>×</button>
      </span>
    );
  }

  const search = async () => {
    if (!text.trim()) return;
    const page = await organisations.search({ Q: text.trim(), PageSize: 8 });
    setFound(page.items.map((o) => ({ id: o.id, nameZh: o.nameZh })));
  };
  return (
    <span className="org-picker">
      <input type="search" aria-label={label} placeholder={label} value={text} data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void search(); } }} />
      <button type="button" className="btn btn-small" onClick={() => void search()} data-testid={`${testId}-find`}>{t('contractRecords.find')}</button>
      {found.length > 0 && (
        <ul className="picker-list" role="listbox" aria-label={label}>
          {found.map((o) => (
            <li key={o.id}>
              <button type="button" className="btn btn-small btn-ghost" data-testid={`${testId}-option`}
                onClick={() => { setFound([]); setText(''); onChange(o.id, o.nameZh); }}>{o.nameZh}</button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

/** The revisable part of a contract: registration for its parties, amounts (with a reason) for the bureau. */
export function ContractRevisionForm({ contract: c, amounts, onSaved, onCancel }: {
  contract: ContractView; amounts: boolean; onSaved: () => void; onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [regNo, setRegNo] = useState(c.registrationNumber ?? '');
  const [regOn, setRegOn] = useState(c.registeredOn ?? '');
  const [total, setTotal] = useState<number | null>(c.totalAmount);
  const [income, setIncome] = useState<number | null>(c.technologyIncome);
  const [reason, setReason] = useState('');
  const [payment, setPayment] = useState<PaymentMode | ''>(c.paymentMode ?? '');
  const [investment, setInvestment] = useState<number | null>(c.expectedNewInvestment ?? null);
  const [output, setOutput] = useState<number | null>(c.expectedNewOutput ?? null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const amountsChanged = total !== c.totalAmount || income !== c.technologyIncome;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      await contracts.revise(c.id, {
        version: c.version,
        registrationNumber: regNo.trim() || null,
        registeredOn: regOn || null,
        totalAmount: amounts ? total : null,
        technologyIncome: amounts ? income : null,
        reason: reason.trim() || null,
        paymentMode: payment || null,
        expectedNewInvestment: investment,
        expectedNewOutput: output,
      });
      onSaved();
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return (
    <form className="form card" onSubmit={submit} data-testid="contract-revision-form" noValidate>
      <h2>{t('contractRecords.edit')}</h2>
      <div className="grid-2">
        <Field label={t('deals.contract.registrationNumber')} name="registrationNumber" errors={fe}>
          {(p) => <input {...p} inputMode="numeric" maxLength={16} value={regNo} onChange={(e) => setRegNo(e.target.value)} data-testid="revise-regno" />}
        </Field>
        <Field label={t('deals.contract.registeredOn')} name="registeredOn" errors={fe}>
          {(p) => <input {...p} type="date" value={regOn} onChange={(e) => setRegOn(e.target.value)} data-testid="revise-registered" />}
        </Field>
      </div>
      <Field label={t('registrationForm.paymentMode')} name="paymentMode" errors={fe}>
        {(p) => (
          <select {...p} value={payment} onChange={(e) => setPayment(e.target.value as PaymentMode | '')} data-testid="revise-payment">
            <option value="">—</option>
            {PAYMENT_MODES.map((m) => <option key={m} value={m}>{t(`registrationForm.payment.${m}`)}</option>)}
          </select>
        )}
      </Field>
      <div className="grid-2">
        <Field label={t('registrationForm.expectedNewInvestment')} name="expectedNewInvestment" errors={fe}>{(p) => <AmountInput {...p} value={investment} onChange={setInvestment} testId="revise-investment" />}</Field>
        <Field label={t('registrationForm.expectedNewOutput')} name="expectedNewOutput" errors={fe}>{(p) => <AmountInput {...p} value={output} onChange={setOutput} testId="revise-output" />}</Field>
      </div>
      {amounts ? (
        <>
          <div className="grid-2">
            <Field label={t('deals.contract.totalAmount')} name="totalAmount" errors={fe}>{(p) => <AmountInput {...p} value={total} onChange={setTotal} testId="revise-total" />}</Field>
            <Field label={t('deals.contract.technologyIncome')} name="technologyIncome" errors={fe}>{(p) => <AmountInput {...p} value={income} onChange={setIncome} testId="revise-income" />}</Field>
          </div>
          <Field label={t('contractRecords.reason')} name="reason" errors={fe} hint={t('contractRecords.reasonHint')}>
            {(p) => <textarea {...p} rows={2} maxLength={500} value={reason} required={amountsChanged} onChange={(e) => setReason(e.target.value)} data-testid="revise-reason" />}
          </Field>
        </>
      ) : <p className="muted small">{t('contractRecords.partyHint')}</p>}
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="revise-submit">{t('common.save')}</button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

type Draft = Omit<ContractInput, 'totalAmount' | 'technologyIncome'> & { totalAmount: number | null; technologyIncome: number | null };
const EMPTY: Draft = {
  registrationNumber: null, projectName: '', category: 'Transfer', transformationMode: 'Transfer', sellerOrganisationId: null,
  sellerNatureCode: null, sellerRegionCode: null, buyerOrganisationId: null, buyerNatureCode: null, buyerRegionCode: null,
  field: 'AdvancedManufacturing', totalAmount: null, technologyIncome: null, signedOn: '', registeredOn: null, validFrom: null,
  validTo: null, trialPeriodMonths: null, brokerUserId: null, dealId: null,
};

/** `/workspace/contract-records/new`: the bureau enters a contract that came through no deal. */
export function NewContractPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [f, setF] = useState<Draft>(EMPTY);
  const [names, setNames] = useState<{ seller: string | null; buyer: string | null }>({ seller: null, buyer: null });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setF({ ...f, [k]: v });
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const recorded = await contracts.record({ ...f, registrationNumber: f.registrationNumber || null, registeredOn: f.registeredOn || null } as ContractInput);
      navigate(`/workspace/contract-records/${recorded.id}`);
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return (
    <section className="page" aria-labelledby="new-contract-title" data-testid="new-contract-page">
      <h1 id="new-contract-title">{t('contractRecords.new')}</h1>
      <p className="muted">{t('contractRecords.newLead')}</p>
      <form className="form card" onSubmit={submit} data-testid="new-contract-form" noValidate>
        <Field label={t('deals.contract.projectName')} name="projectName" errors={fe}>{(p) => <input {...p} value={f.projectName} onChange={(e) => set('projectName', e.target.value)} data-testid="new-contract-name" />}</Field>
        <div className="grid-2">
          {(['seller', 'buyer'] as const).map((side) => (
            <Field key={side} label={t(`contracts.${side}`)} name={`${side}OrganisationId`} errors={fe}>
              {() => <OrganisationPicker label={t(`contracts.${side}`)} value={f[`${side}OrganisationId`] ?? null} name={names[side]} testId={`new-contract-${side}`}
                onChange={(id, name) => { setNames({ ...names, [side]: name }); set(`${side}OrganisationId`, id); }} />}
            </Field>
          ))}
        </div>
        <div className="grid-2">
          <Field label={t('deals.contract.category')} name="category" errors={fe}>
            {(p) => <select {...p} value={f.category} onChange={(e) => set('category', e.target.value as Draft['category'])}>{CONTRACT_CATEGORIES.map((c) => <option key={c} value={c}>{t(`deals.contract.categories.${c}`)}</option>)}</select>}
          </Field>
          <Field label={t('deals.contract.transformationMode')} name="transformationMode" errors={fe}>
            {(p) => <select {...p} value={f.transformationMode} onChange={(e) => set('transformationMode', e.target.value as Draft['transformationMode'])}>{TRANSFORMATION_MODES.map((c) => <option key={c} value={c}>{t(`transferMode.${c}`)}</option>)}</select>}
          </Field>
        </div>
        <Field label={t('listing.field')} name="field" errors={fe}>
          {(p) => <select {...p} value={f.field} onChange={(e) => set('field', e.target.value as Draft['field'])}>{TECHNICAL_FIELDS.map((x) => <option key={x} value={x}>{t(`field.${x}`)}</option>)}</select>}
        </Field>
        <div className="grid-2">
          <Field label={t('deals.contract.totalAmount')} name="totalAmount" errors={fe}>{(p) => <AmountInput {...p} value={f.totalAmount} onChange={(v) => set('totalAmount', v)} testId="new-contract-total" />}</Field>
          <Field label={t('deals.contract.technologyIncome')} name="technologyIncome" errors={fe}>{(p) => <AmountInput {...p} value={f.technologyIncome} onChange={(v) => set('technologyIncome', v)} testId="new-contract-income" />}</Field>
        </div>
        <div className="grid-2">
          <Field label={t('deals.contract.signedOn')} name="signedOn" errors={fe}>{(p) => <input {...p} type="date" value={f.signedOn} onChange={(e) => set('signedOn', e.target.value)} data-testid="new-contract-signed" />}</Field>
          <Field label={t('deals.contract.registeredOn')} name="registeredOn" errors={fe}>{(p) => <input {...p} type="date" value={f.registeredOn ?? ''} onChange={(e) => set('registeredOn', e.target.value || null)} />}</Field>
        </div>
        <Field label={t('deals.contract.registrationNumber')} name="registrationNumber" errors={fe}>{(p) => <input {...p} inputMode="numeric" maxLength={16} value={f.registrationNumber ?? ''} onChange={(e) => set('registrationNumber', e.target.value)} data-testid="new-contract-regno" />}</Field>
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="new-contract-submit">{t('common.save')}</button>
          <button type="button" className="btn btn-ghost" onClick={() => navigate('/workspace/contract-records')}>{t('common.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
