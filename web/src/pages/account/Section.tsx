import type { ReactNode } from 'react';

/** One section of the account page: a card with its heading, reachable from the page's section links. */
export function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section className="card account-section" id={id} aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {lead && <p className="muted small">{lead}</p>}
      {children}
    </section>
  );
}
