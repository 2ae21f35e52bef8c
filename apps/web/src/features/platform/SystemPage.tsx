import { Button, Card, Col, Descriptions, Row, Statistic, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { systemInfoSchema } from '@gendan/contracts';
import { api } from '../../api/client';
import { qk } from '../../api/keys';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';

/** `GET /api/system`, typed from the shared schema without bundling Zod. */
type SystemInfo = ReturnType<typeof systemInfoSchema.parse>;

function splitUptime(seconds: number) {
  const total = Math.max(0, Math.floor(seconds));
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3_600),
    m: Math.floor((total % 3_600) / 60),
  };
}

export default function SystemPage() {
  const { t } = useTranslation();
  const info = useQuery({
    queryKey: qk.system,
    queryFn: ({ signal }) => api.get<SystemInfo>('/api/system', undefined, { signal }),
  });

  if (info.isPending) return <PageSpin />;
  if (info.isError) return <QueryError error={info.error} onRetry={() => void info.refetch()} />;
  const s = info.data;

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card
          title={t('system.title')}
          extra={
            <Button icon={<ReloadOutlined />} loading={info.isFetching} onClick={() => void info.refetch()}>
              {t('common.refresh')}
            </Button>
          }
        >
          <Descriptions
            bordered
            column={{ xs: 1, md: 2 }}
            data-testid="system-info"
            items={[
              { key: 'version', label: t('system.version'), children: <Tag color="blue">{s.version}</Tag> },
              {
                key: 'db',
                label: t('system.db'),
                children: (
                  <span data-testid="system-db">
                    <Tag>{s.db}</Tag>
                    {s.dbLabel}
                  </span>
                ),
              },
              { key: 'node', label: t('system.node'), children: s.node },
              { key: 'timeZone', label: t('system.timeZone'), children: s.timeZone },
              {
                key: 'uptime',
                label: t('system.uptime'),
                children: t('system.uptimeValue', splitUptime(s.uptimeSeconds)),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('system.outbox')}>
          <Row gutter={16}>
            <Col span={12}>
              <Statistic title={t('system.outboxPending')} value={s.outbox.pending} />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('system.outboxDead')}
                value={s.outbox.dead}
                styles={s.outbox.dead > 0 ? { content: { color: '#cf1322' } } : undefined}
              />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('system.migrations', { n: s.migrations.length })}>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={s.migrations.map((name, index) => ({ name, index: index + 1 }))}
            columns={[
              { key: 'index', dataIndex: 'index', title: '#', width: 60 },
              { key: 'name', dataIndex: 'name', title: t('system.migration') },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
