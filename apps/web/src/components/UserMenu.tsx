import { useState } from 'react';
import { Avatar, Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useCurrentUser } from './currentUser';
import { ChangePasswordModal } from './ChangePasswordModal';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const logout = useMutation({
    mutationFn: () => api.post<unknown>('/api/auth/logout', undefined, { redirectOn401: false }),
    meta: { silentError: true },
    // Whatever the server says, the user asked to leave: go to the login page (which clears the cache).
    onSettled: () => void navigate('/login', { replace: true }),
  });

  const items: MenuProps['items'] = [
    ...(me.authMethod === 'session'
      ? [{ key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') }]
      : [{ key: 'token', disabled: true, label: t('auth.tokenSession') }]),
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="logout">{t('auth.logout')}</span>,
      danger: true,
    },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'password') setPasswordOpen(true);
            if (key === 'logout') logout.mutate();
          },
        }}
      >
        <Button
          type="text"
          data-testid="user-menu"
          aria-label={t('auth.userMenu')}
          loading={logout.isPending}
        >
          <Avatar size="small" icon={<UserOutlined />} />
          <span>{me.displayName || me.username}</span>
        </Button>
      </Dropdown>
      <ChangePasswordModal
        open={passwordOpen}
        onClose={() => {
          setPasswordOpen(false);
        }}
      />
    </>
  );
}
