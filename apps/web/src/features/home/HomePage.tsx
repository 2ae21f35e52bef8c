import { Card, Col, Descriptions, Empty, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../components/currentUser';
import { visibleNav } from '../../components/nav';
import { RoleTags } from '../identity/RoleTags';

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const destinations = visibleNav(me.roles).filter((item) => item.path !== '/');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me.displayName || me.username })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'username', label: t('home.username'), children: me.username },
            { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
            { key: 'email', label: t('home.email'), children: me.email ?? t('common.none') },
          ]}
        />
      </Card>
      <Card title={t('home.destinations')}>
        {destinations.length === 0 ? (
          <Empty description={t('home.noDestinations')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
            <Row gutter={[16, 16]}>
              {destinations.map((item) => (
                <Col key={item.key} xs={24} sm={12} lg={8}>
                  <Link to={item.path} data-testid={`home-link-${item.key}`}>
                    <Card hoverable size="small">
                      <Card.Meta avatar={item.icon} title={t(item.label)} description={t(item.description)} />
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </>
        )}
      </Card>
    </Space>
  );
}
