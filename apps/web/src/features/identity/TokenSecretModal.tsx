import { Alert, Button, Modal, Space, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from './tokens.api';

/** Shows a new token's secret, the only time it is ever visible. */
export function TokenSecretModal({
  token,
  onClose,
}: {
  token: CreatedToken | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={token !== undefined}
      title={t('tokens.secretTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-close">
          {t('common.close')}
        </Button>
      }
      destroyOnHidden
    >
      {token && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('tokens.secretWarning')} />
          <Typography.Paragraph
            code
            style={{ wordBreak: 'break-all', marginBottom: 0 }}
            data-testid="token-secret"
            copyable={{
              text: token.token,
              tooltips: false,
              icon: [
                <span key="copy" data-testid="token-copy">
                  <CopyOutlined /> {t('common.copy')}
                </span>,
                <span key="copied">
                  <CheckOutlined /> {t('common.copied')}
                </span>,
              ],
            }}
          >
            {token.token}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('tokens.secretUsage')}</Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
