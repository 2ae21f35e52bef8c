import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AgreementStatus, ProductCategory } from '@gendan/contracts';

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <Tag color="success">{t('catalog.common.active')}</Tag>
  ) : (
    <Tag>{t('catalog.common.inactive')}</Tag>
  );
}

/** Options of an "active / inactive" filter (the API takes `active=true|false`). */
export function activeOptions(t: TFunction) {
  return [
    { value: 'true', label: t('catalog.common.active') },
    { value: 'false', label: t('catalog.common.inactive') },
  ];
}

const STATUS_COLORS: Record<AgreementStatus, string> = {
  draft: 'default',
  active: 'success',
  expired: 'warning',
};

export function AgreementStatusTag({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`status-${status}`}>
      {t(`catalog.statuses.${status}`)}
    </Tag>
  );
}

const CATEGORY_COLORS: Record<ProductCategory, string> = {
  finished: 'blue',
  semi: 'cyan',
  raw: 'orange',
  packaging: 'purple',
};

export function CategoryTag({ category }: { category: ProductCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category]}>{t(`catalog.categories.${category}`)}</Tag>;
}
