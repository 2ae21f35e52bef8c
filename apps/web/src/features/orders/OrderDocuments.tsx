import { useState } from 'react';
import { App, Button, Flex, Select, Table, Upload } from 'antd';
import type { TableColumnsType, UploadProps } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { DocumentInfo } from '@gendan/contracts';
import i18n from '../../i18n';
import { formatBytes } from '../../components/import/transferUtils';
import { QueryError } from '../../components/QueryError';
import { documentContentUrl, useInvalidateDocuments, useOrderDocuments } from './orders.api';

const DOC_TYPES = ['customer_po', 'contract', 'drawing', 'spec', 'email', 'other'] as const;
type DocType = (typeof DOC_TYPES)[number];
const isDocType = (s: string): s is DocType => (DOC_TYPES as readonly string[]).includes(s);

function uploadError(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const error = (response as { error?: { message?: unknown } }).error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

/** The order's documents: list, download, upload (with progress). */
export function OrderDocuments({ orderId, canUpload }: { orderId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const docs = useOrderDocuments(orderId);
  const invalidate = useInvalidateDocuments();
  const [docType, setDocType] = useState<DocType>('customer_po');

  const typeLabel = (type: string) => (isDocType(type) ? t(`orders.documents.types.${type}`) : type);

  const uploadProps: UploadProps = {
    name: 'file',
    action: '/api/documents',
    data: { entityType: 'order', entityId: orderId, docType },
    withCredentials: true,
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept-Language': i18n.language },
    multiple: true,
    onChange: (info) => {
      const { file } = info;
      if (file.status === 'done') {
        void message.success(t('orders.documents.uploaded', { name: file.name }));
        invalidate(orderId);
      } else if (file.status === 'error') {
        void message.error(
          t('orders.documents.uploadFailed', {
            name: file.name,
            error: uploadError(file.response) ?? t('errors.unknown'),
          }),
        );
      }
    },
  };

  const columns: TableColumnsType<DocumentInfo> = [
    {
      key: 'filename',
      dataIndex: 'filename',
      title: t('orders.documents.filename'),
      render: (name: string, d) => (
        <a href={documentContentUrl(d.id)} download={name} data-testid={`document-${d.id}`}>
          {name}
        </a>
      ),
    },
    { key: 'docType', dataIndex: 'docType', title: t('orders.documents.docType'), render: typeLabel },
    {
      key: 'size',
      dataIndex: 'size',
      title: t('orders.documents.size'),
      render: formatBytes,
      align: 'right',
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('orders.documents.uploadedAt'),
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'download',
      width: 80,
      render: (_: unknown, d) => (
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          href={documentContentUrl(d.id)}
          download={d.filename}
          aria-label={t('orders.documents.download')}
        />
      ),
    },
  ];

  return (
    <>
      {canUpload && (
        <Flex gap={8} align="start" style={{ marginBottom: 12 }} wrap>
          <Select<DocType>
            value={docType}
            onChange={setDocType}
            options={DOC_TYPES.map((d) => ({ value: d, label: typeLabel(d) }))}
            style={{ width: 160 }}
            aria-label={t('orders.documents.docType')}
          />
          <Upload {...uploadProps}>
            <Button icon={<UploadOutlined />} data-testid="document-upload">
              {t('orders.documents.upload')}
            </Button>
          </Upload>
        </Flex>
      )}
      {docs.isError ? (
        <QueryError error={docs.error} onRetry={() => void docs.refetch()} />
      ) : (
        <Table<DocumentInfo>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={docs.data?.items}
          loading={docs.isPending}
          pagination={false}
          locale={{ emptyText: t('orders.documents.empty') }}
          data-testid="order-documents"
        />
      )}
    </>
  );
}
