import { useState } from 'react';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ApiToken } from '@gendan/contracts';
import { QueryError } from '../../components/QueryError';
import { TokenCreateModal } from './TokenCreateModal';
import { TokenSecretModal } from './TokenSecretModal';
import { useRevokeToken, useTokens, type CreatedToken } from './tokens.api';

const formatTime = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : null);

export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken>();

  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', dataIndex: 'name', title: t('tokens.name') },
    { key: 'username', dataIndex: 'username', title: t('tokens.user') },
    {
      key: 'prefix',
      dataIndex: 'prefix',
      title: t('tokens.prefix'),
      render: (prefix: string) => <Typography.Text code>{`${prefix}…`}</Typography.Text>,
    },
    {
      key: 'status',
      title: t('tokens.status'),
      render: (_: unknown, token) =>
        token.revokedAt ? (
          <Tag>
            {t('tokens.statusRevoked')} {formatTime(token.revokedAt)}
          </Tag>
        ) : (
          <Tag color="success">{t('tokens.statusActive')}</Tag>
        ),
    },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('tokens.createdAt'), render: formatTime },
    {
      key: 'lastUsedAt',
      dataIndex: 'lastUsedAt',
      title: t('tokens.lastUsedAt'),
      render: (iso: string | null) =>
        formatTime(iso) ?? <Typography.Text type="secondary">{t('tokens.never')}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_: unknown, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: token.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => {
              revoke.mutate(token.id, { onSuccess: () => void message.success(t('tokens.revoked')) });
            }}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<StopOutlined />}
              data-testid={`token-revoke-${token.id}`}
            >
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void tokens.refetch()} style={{ marginRight: 8 }}>
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreateOpen(true);
            }}
            data-testid="token-create"
          >
            {t('tokens.create')}
          </Button>
        </>
      }
    >
      {tokens.isError && <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />}
      <div data-testid="tokens-table">
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data}
          loading={tokens.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        />
      </div>
      <TokenCreateModal
        open={createOpen}
        onClose={() => {
          setCreateOpen(false);
        }}
        onCreated={(token) => {
          setCreateOpen(false);
          setCreated(token);
        }}
      />
      <TokenSecretModal
        token={created}
        onClose={() => {
          setCreated(undefined);
        }}
      />
    </Card>
  );
}
