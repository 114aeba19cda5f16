import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordFilter } from '../../../admin/record-picker.tsx';
import { engagementTypeSchema } from '../engagements.schema.ts';

/** The filters an engagement list shares with the calendar: type, partner and host department. */
export function EngagementFilters({
  values,
  update,
}: {
  values: { type?: string | undefined; organizationId?: string | undefined; orgUnitId?: string | undefined };
  update: (changes: Record<string, string | undefined>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select<string | undefined>
        aria-label={t('admin.engagements.typeFilter')}
        placeholder={t('admin.engagements.allTypes')}
        value={values.type}
        onChange={(type) => update({ type })}
        allowClear
        style={{ width: 180 }}
        options={engagementTypeSchema.options.map((type) => ({
          value: type,
          label: t(`admin.engagements.types.${type}`),
        }))}
      />
      <RecordFilter
        source="organizations"
        value={values.organizationId}
        onChange={(organizationId) => update({ organizationId })}
      />
      <RecordFilter
        source="org-units"
        value={values.orgUnitId}
        onChange={(orgUnitId) => update({ orgUnitId })}
        width={200}
      />
    </>
  );
}
