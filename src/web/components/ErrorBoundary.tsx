import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { i18n } from '../i18n.ts';

/**
 * Catches what a screen throws while rendering (or a screen's code that failed to download) and
 * shows a calm message with a way out, instead of a blank page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk =
      error instanceof Error &&
      /dynamically imported module|Importing a module script failed|Loading chunk/i.test(error.message);
    return (
      <div className="lt-center-page" role="alert">
        <Alert
          type="error"
          showIcon
          title={chunk ? i18n.t('errors.network') : i18n.t('errors.unexpected')}
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {i18n.t('common.reload')}
            </Button>
          }
        />
      </div>
    );
  }
}
