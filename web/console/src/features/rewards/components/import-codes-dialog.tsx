import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_IMPORT_ROWS,
  readVoucherCsv,
  useImportVoucherCodesMutation,
  type ImportVoucherCodesApiResponse,
  type Reward,
} from '../api/rewards';

type RowError = ImportVoucherCodesApiResponse['errors'][number];

/**
 * Imports a brand's voucher codes from a CSV file. The file is read here, in the browser (its first column,
 * row numbers kept), and its rows sent as a list: the API stays independent of file formats, and reports
 * every row it did not import with its row number and why, shown in a table to fix the file by.
 */
export function ImportCodesDialog({ reward, onClose }: { reward: Reward; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; codes: string[]; firstRow: number }>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [outcome, setOutcome] = useState<ImportVoucherCodesApiResponse>();
  const [importCodes, { isLoading, error }] = useImportVoucherCodesMutation();

  const read = async (chosen: File) => {
    setOutcome(undefined);
    const { codes, firstRow } = readVoucherCsv(await chosen.text());
    setFile({ name: chosen.name, codes, firstRow });
    setFileProblem(
      codes.length === 0
        ? t('rewards.import.noRows')
        : codes.length > MAX_IMPORT_ROWS
          ? t('rewards.import.tooManyRows', { max: MAX_IMPORT_ROWS })
          : undefined,
    );
  };

  const submit = async () => {
    if (!file) return;
    try {
      const result = await importCodes({
        rewardId: reward.id,
        body: { codes: file.codes, firstRow: file.firstRow },
      }).unwrap();
      setOutcome(result);
      if (result.errors.length === 0)
        void message.success(t('rewards.import.allImported', { imported: result.imported }));
    } catch {
      // Shown below from the mutation's error.
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('rewards.import.title', { name: reward.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('rewards.import.close')}</Button>
          <Button
            type="primary"
            loading={isLoading}
            disabled={!file || Boolean(fileProblem) || Boolean(outcome)}
            onClick={() => void submit()}
          >
            {isLoading ? t('rewards.import.importing') : t('rewards.import.submit')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('rewards.import.intro')}</Typography.Paragraph>
        <Upload
          accept=".csv,text/csv,text/plain"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            void read(chosen);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('rewards.import.chooseFile')}</Button>
        </Upload>
        {file && (
          <Typography.Text>
            {t('rewards.import.fileRead', { file: file.name, rows: file.codes.length })}
          </Typography.Text>
        )}
        {fileProblem && <Alert type="warning" showIcon title={fileProblem} />}
        {error && !outcome && (
          <Alert
            type="error"
            showIcon
            title={t('rewards.import.failed')}
            description={problemText(error, t, language)}
          />
        )}
        {outcome && (
          <Alert
            type={outcome.errors.length ? 'warning' : 'success'}
            showIcon
            title={
              outcome.errors.length
                ? t('rewards.import.result', { imported: outcome.imported, skipped: outcome.skipped })
                : t('rewards.import.allImported', { imported: outcome.imported })
            }
          />
        )}
        {outcome && outcome.errors.length > 0 && (
          <Table<RowError>
            size="small"
            title={() => <Typography.Text strong>{t('rewards.import.errorsTitle')}</Typography.Text>}
            rowKey="row"
            dataSource={outcome.errors}
            pagination={outcome.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { key: 'row', title: t('rewards.import.row'), dataIndex: 'row', width: 80 },
              {
                key: 'code',
                title: t('rewards.import.code'),
                render: (_, row) =>
                  row.code ? (
                    <Typography.Text code style={{ wordBreak: 'break-all' }}>
                      {row.code}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t('rewards.import.blankCode')}</Typography.Text>
                  ),
              },
              {
                key: 'reason',
                title: t('rewards.import.reason'),
                width: 260,
                render: (_, row) => t(`rewards.import.reasons.${row.reason}`),
              },
            ]}
          />
        )}
      </Flex>
    </Modal>
  );
}
