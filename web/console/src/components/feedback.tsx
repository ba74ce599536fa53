import { Alert, Button } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What a mutation came to, kept as what to say rather than words, so a language switch re-says it. */
export type Feedback = { type: 'success' | 'error'; say: (t: TFunction, language: string) => string } | null;

/** What a mutation came to, said on the page until dismissed or replaced: success, or the problem in words. */
export function useFeedback() {
  const [feedback, setFeedback] = useState<Feedback>(null);
  return {
    feedback,
    success: (say: (t: TFunction, language: string) => string) => setFeedback({ type: 'success', say }),
    failure: (error: unknown) =>
      setFeedback({ type: 'error', say: (t, language) => problemText(error, t, language) }),
    clear: () => setFeedback(null),
  };
}

export function FeedbackAlert({ feedback, onClose }: { feedback: Feedback; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  if (!feedback) return null;
  return (
    <Alert
      type={feedback.type}
      showIcon
      role={feedback.type === 'error' ? 'alert' : 'status'}
      title={feedback.say(t, i18n.language)}
      closable={{ onClose }}
    />
  );
}

/** What could not be read: the problem in words, and a way to try again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('app.loadFailed')}
      description={problemText(error, t, i18n.language)}
      action={<Button onClick={onRetry}>{t('app.retry')}</Button>}
    />
  );
}
