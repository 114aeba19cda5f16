import { Card, Col, DatePicker, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { engagementTypeSchema } from '../../engagements/engagements.schema.ts';
import { EvidenceLink } from './proposal-article.tsx';
import type { DraftSectionProps, Extraction } from './proposal-draft.ts';
import { Field } from './proposal-fields.tsx';

/** The engagement's own facts as proposed: type, date, titles, delegation, places and topics. */
export function ProposalEngagementCard({
  draft,
  extraction: x,
  onChange: set,
}: DraftSectionProps & { extraction: Extraction }) {
  const { t } = useTranslation();
  const show = t('admin.proposals.showInText');
  return (
    <Card size="small" title={<h2 className="concord-card-title">{t('admin.proposals.engagement')}</h2>}>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Field
            label={t('admin.proposals.type')}
            extra={x.eventTypeEvidence && <EvidenceLink field="type" label={show} />}
          >
            <Select
              style={{ width: '100%' }}
              value={draft.type}
              onChange={(v) => set({ type: v })}
              data-testid="proposal-type"
              options={engagementTypeSchema.options.map((v) => ({
                value: v,
                label: t(`admin.engagements.types.${v}`),
              }))}
            />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field
            label={t('admin.proposals.eventDate')}
            extra={x.dateEvidence && <EvidenceLink field="date" label={show} />}
          >
            <DatePicker
              style={{ width: '100%' }}
              value={draft.startsOn ? dayjs(draft.startsOn) : null}
              onChange={(d) => set({ startsOn: d ? d.format('YYYY-MM-DD') : '' })}
              data-testid="proposal-date"
            />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field label={t('admin.proposals.titleZh')}>
            <Input value={draft.titleZh} onChange={(e) => set({ titleZh: e.target.value })} maxLength={300} />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field label={t('admin.proposals.titleEn')}>
            <Input value={draft.titleEn} onChange={(e) => set({ titleEn: e.target.value })} maxLength={300} />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field
            label={t('admin.proposals.delegationSize')}
            extra={x.delegationEvidence && <EvidenceLink field="delegation" label={show} />}
          >
            <InputNumber
              style={{ width: '100%' }}
              min={0}
              value={draft.delegationSize}
              onChange={(v) => set({ delegationSize: typeof v === 'number' ? v : null })}
              data-testid="proposal-delegation"
            />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field label={t('admin.proposals.location')}>
            <Input
              value={draft.location}
              onChange={(e) => set({ location: e.target.value })}
              maxLength={300}
            />
          </Field>
        </Col>
        <Col xs={24}>
          <Field label={t('admin.proposals.facilities')}>
            <RecordPicker
              source="facilities"
              mode="multiple"
              style={{ width: '100%' }}
              value={draft.facilityIds}
              onChange={(v) => set({ facilityIds: Array.isArray(v) ? v : v ? [v] : [] })}
            />
          </Field>
          {x.placesVisited.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('admin.proposals.placesFound')}{' '}
              {x.placesVisited.map((pl, i) => (
                <span key={pl.evidence.start}>
                  {i > 0 && ' · '}
                  <EvidenceLink field="place" index={i} label={pl.name} />
                </span>
              ))}
            </Typography.Paragraph>
          )}
        </Col>
        <Col xs={24}>
          <Field label={t('admin.proposals.topics')}>
            <Select
              mode="tags"
              style={{ width: '100%' }}
              value={draft.topics}
              onChange={(v) => set({ topics: v })}
              open={false}
              suffixIcon={null}
            />
          </Field>
        </Col>
      </Row>
    </Card>
  );
}
