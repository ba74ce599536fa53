import { Alert, Button, Flex } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '@/app/hooks';
import {
  sessionStarted,
  useAdminLoginEnrolmentConfirmMutation,
  useAdminLoginEnrolmentMutation,
} from '../api/session';
import { RecoveryCodes } from './recovery-codes';
import { TotpEnrolment } from './totp-enrolment';
import { stepStyles } from './step-styles';

/**
 * For an admin the policy asks to use a second factor and who has none: set up the authenticator app
 * before the session starts, then keep the recovery codes. Its own chunk, with the QR code's library.
 */
export default function EnrolAtSignIn({
  challengeToken,
  onRestart,
  onSignedIn,
}: {
  challengeToken: string;
  onRestart: () => void;
  onSignedIn?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [start, started] = useAdminLoginEnrolmentMutation();
  const [confirm, confirmed] = useAdminLoginEnrolmentConfirmMutation();
  const [done, setDone] = useState<{ accessToken: string; recoveryCodes: string[] } | null>(null);

  // Once per challenge: each start replaces the secret, so a second (React's strict mode runs effects
  // twice) could leave the QR code showing a secret the server no longer keeps.
  const startedFor = useRef<string | null>(null);
  useEffect(() => {
    if (startedFor.current === challengeToken) return;
    startedFor.current = challengeToken;
    void start({ body: { challengeToken } });
  }, [start, challengeToken]);

  const onConfirm = async (code: string) => {
    try {
      const answer = await confirm({ body: { challengeToken, code } }).unwrap();
      setDone(answer);
    } catch {
      // Said by the enrolment form.
    }
  };

  return (
    <section aria-labelledby="enrol-title">
      <h2 id="enrol-title" style={stepStyles.title}>
        {done ? t('signIn.enrol.codesTitle') : t('signIn.enrol.title')}
      </h2>
      {done ? (
        <Flex vertical gap={16}>
          <RecoveryCodes codes={done.recoveryCodes} strings="signIn.enrol" />
          <Button
            type="primary"
            size="large"
            block
            onClick={() => {
              dispatch(sessionStarted(done));
              onSignedIn?.();
            }}
          >
            {t('signIn.enrol.continue')}
          </Button>
        </Flex>
      ) : (
        <>
          <p style={stepStyles.body}>{t('signIn.enrol.body')}</p>
          {started.error ? (
            <Flex vertical gap={16}>
              <Alert
                role="alert"
                type="error"
                showIcon
                title={problemText(started.error, t, i18n.language)}
              />
              <Button type="primary" size="large" block onClick={onRestart}>
                {t('signIn.twoFactor.restart')}
              </Button>
            </Flex>
          ) : started.data ? (
            <TotpEnrolment
              otpauthUri={started.data.otpauthUri}
              secret={started.data.secret}
              onConfirm={(code) => void onConfirm(code)}
              confirming={confirmed.isLoading}
              error={confirmed.error}
              strings="signIn.enrol"
            />
          ) : (
            <div role="status">{t('app.loading')}</div>
          )}
          <div style={stepStyles.links}>
            <Button type="link" onClick={onRestart}>
              {t('signIn.twoFactor.otherAccount')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
