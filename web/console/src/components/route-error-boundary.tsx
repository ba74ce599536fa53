import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ChunkFailed() {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 560, margin: '96px auto', padding: '0 16px' }}>
      <Alert
        type="warning"
        showIcon
        title={t('app.chunkFailed')}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </Button>
        }
      />
    </div>
  );
}

/** A lazily loaded page that fails to load (a new deployment removed its chunk) offers a reload. */
export class RouteErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <ChunkFailed /> : this.props.children;
  }
}
