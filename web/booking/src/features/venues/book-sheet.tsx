import { Button, Drawer, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWhen } from '../../lib/time';
import type { Slot } from './types';

/** The longest note the API takes on a booking. */
export const NOTE_MAX_LENGTH = 200;

/**
 * The sheet that confirms a booking (or a place on the slot's waitlist): the venue, the time, the party
 * and an optional note. `error` is the refusal in the member's words (problemText), never the answer.
 */
export function BookSheet({
  open,
  venueName,
  slot,
  partySize,
  mode,
  submitting,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  venueName: string;
  slot: Slot | null;
  partySize: number;
  mode: 'book' | 'waitlist';
  submitting: boolean;
  error?: string;
  onConfirm: (note: string | undefined) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <Drawer
      open={open && slot !== null}
      placement="bottom"
      onClose={onClose}
      title={mode === 'waitlist' ? t('book.joinWaitlist') : t('book.title')}
      size="auto"
      destroyOnHidden
      className="sheet"
    >
      {slot && (
        <form
          aria-label={t('book.title')}
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm(note.trim() || undefined);
          }}
        >
          <dl className="facts">
            <dt>{t('detail.venue')}</dt>
            <dd>{venueName}</dd>
            <dt>{t('book.when')}</dt>
            <dd>{formatWhen(slot.start, i18n.language)}</dd>
            <dt>{t('book.partySize')}</dt>
            <dd>{t('book.people', { count: partySize })}</dd>
          </dl>
          <label className="field">
            <span>{t('book.note')}</span>
            <Input.TextArea
              value={note}
              onChange={(event) => setNote(event.target.value)}
              maxLength={NOTE_MAX_LENGTH}
              rows={2}
              placeholder={t('book.notePlaceholder')}
            />
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="sheet-actions">
            <Button htmlType="button" onClick={onClose}>
              {t('book.cancel')}
            </Button>
            <Button htmlType="submit" type="primary" loading={submitting}>
              {submitting
                ? t('book.confirming')
                : mode === 'waitlist'
                  ? t('book.joinWaitlist')
                  : t('book.confirm')}
            </Button>
          </div>
        </form>
      )}
    </Drawer>
  );
}
