import { Alert, Button } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type Feedback = { type: 'success' | 'error'; text: string } | null;

/** What a mutation came to, said on the page until dismissed or replaced: success, or the problem in words. */
export function useFeedback() {
  const { t, i18n } = useTranslation();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return {
    feedback,
    success: (text: string) => setFeedback({ type: 'success', text }),
    failure: (error: unknown) => setFeedback({ type: 'error', text: problemText(error, t, i18n.language) }),
    clear: () => setFeedback(null),
  };
}

export function FeedbackAlert({ feedback, onClose }: { feedback: Feedback; onClose: () => void }) {
  if (!feedback) return null;
  return (
    <Alert
      type={feedback.type}
      showIcon
      role={feedback.type === 'error' ? 'alert' : 'status'}
      title={feedback.text}
      closable={{ onClose }}
    />
  );
}

/** A list that could not be read: the problem in words, and a way to try again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('stores.loadFailed')}
      description={problemText(error, t, i18n.language)}
      action={<Button onClick={onRetry}>{t('stores.retry')}</Button>}
    />
  );
}
