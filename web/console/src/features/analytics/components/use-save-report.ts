import type { RecordAnalyticsExportApiArg } from '@sbm/web-shared/api';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordAnalyticsExportMutation } from '../api/analytics';
import { downloadCsv } from '../csv';

type Saved = RecordAnalyticsExportApiArg['body'];

/**
 * Saves a report's CSV file and records the download in the audit trail. The file is the reader's
 * whatever the trail answers: when recording fails, the file is saved all the same and a warning says so.
 */
export function useSaveReport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [recordExport] = useRecordAnalyticsExportMutation();
  return async (file: { name: string; content: string }, saved: Saved) => {
    downloadCsv(file.name, file.content);
    try {
      await recordExport({ body: saved }).unwrap();
    } catch {
      void message.warning(t('analytics.exportNotRecorded'));
    }
  };
}
