import { Component, type ReactNode } from 'react';
import i18n from '../i18n';

/** Last line of defence: a rendering fault shows a message and a way back, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) { return { error }; }
  componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  render() {
    if (this.state.error) {
      return (
        <div className="page">
          <div className="alert alert-error" role="alert" data-testid="error-boundary">
            <p>{i18n.t('errors.boundary')}</p>
            <p className="muted small">{this.state.error.message}</p>
            <button type="button" className="btn btn-small" onClick={() => this.setState({ error: null })}>{i18n.t('common.retry')}</button>
          </div>
        </div>
      );
    }
    return this.props.children;
  }
}
