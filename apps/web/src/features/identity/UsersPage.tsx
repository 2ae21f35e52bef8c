import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import type { Role, User } from '@gendan/contracts';
import { ROLES } from '../../api/constants';
import { QueryError } from '../../components/QueryError';
import { RoleTags } from './RoleTags';
import { UserCreateModal } from './UserCreateModal';
import { UserEditDrawer } from './UserEditDrawer';
import { UserFilters, type UserFilterValues } from './UserFilters';
import { useUsers, type UserListParams } from './users.api';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** List state lives in the URL, so a filtered page can be bookmarked and survives a reload. */
function paramsFromUrl(search: URLSearchParams): UserListParams {
  const role = ROLES.find((r) => r === search.get('role'));
  const active = search.get('active');
  const pageSize = positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    page: positiveInt(search.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    q: search.get('q') ?? undefined,
    role,
    active: active === 'true' || active === 'false' ? active : undefined,
  };
}

function urlFromParams(p: UserListParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.page > 1) out.page = String(p.page);
  if (p.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = String(p.pageSize);
  if (p.q) out.q = p.q;
  if (p.role) out.role = p.role;
  if (p.active) out.active = p.active;
  return out;
}

const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export default function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const params = paramsFromUrl(search);
  const users = useUsers(params);
  const [createOpen, setCreateOpen] = useState(false);
  const [editingId, setEditingId] = useState<string>();
  const editing = editingId ? users.data?.items.find((u) => u.id === editingId) : undefined;

  const update = (next: UserListParams) => {
    setSearch(urlFromParams(next));
  };
  const setFilters = (f: UserFilterValues) => {
    update({ page: 1, pageSize: params.pageSize, q: f.q, role: f.role, active: f.active });
  };

  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      dataIndex: 'username',
      title: t('users.username'),
      render: (username: string, user) => (
        <Typography.Link
          onClick={() => {
            setEditingId(user.id);
          }}
        >
          {username}
        </Typography.Link>
      ),
    },
    { key: 'displayName', dataIndex: 'displayName', title: t('users.displayName') },
    {
      key: 'email',
      dataIndex: 'email',
      title: t('users.email'),
      render: (email: string | null) => email ?? '—',
    },
    {
      key: 'roles',
      dataIndex: 'roles',
      title: t('users.roles'),
      render: (roles: Role[]) => <RoleTags roles={roles} />,
    },
    {
      key: 'language',
      dataIndex: 'language',
      title: t('users.language'),
      render: (lang: User['language']) => t(`languageNames.${lang}`),
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('users.status'),
      render: (active: boolean) =>
        active ? (
          <Tag color="success">{t('users.statusActive')}</Tag>
        ) : (
          <Tag>{t('users.statusInactive')}</Tag>
        ),
    },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('users.createdAt'), render: formatTime },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, user) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => {
            setEditingId(user.id);
          }}
          data-testid={`user-edit-${user.username}`}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('users.title')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()} style={{ marginRight: 8 }}>
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreateOpen(true);
            }}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        </>
      }
    >
      <UserFilters value={params} onChange={setFilters} />
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <div data-testid="users-table">
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: users.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) => {
            update({
              ...params,
              page: pagination.pageSize !== params.pageSize ? 1 : (pagination.current ?? 1),
              pageSize: pagination.pageSize ?? params.pageSize,
            });
          }}
        />
      </div>
      <UserCreateModal
        open={createOpen}
        onClose={() => {
          setCreateOpen(false);
        }}
      />
      <UserEditDrawer
        user={editing}
        onClose={() => {
          setEditingId(undefined);
        }}
      />
    </Card>
  );
}
