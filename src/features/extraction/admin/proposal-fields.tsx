import { Checkbox, Col, Input, Radio, Row, Space } from 'antd';
import { cloneElement, type ReactElement, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { EvidenceLink } from './proposal-article.tsx';
import type { EvidenceField, OrgDraft } from './proposal-draft.ts';

/** A labelled control: the label names the control by id, as screen readers expect. */
export function Field({
  label,
  extra,
  children,
}: {
  label: string;
  extra?: ReactNode;
  children: ReactElement<{ id?: string }>;
}) {
  const id = useId();
  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginBottom: 2 }}>
        <label htmlFor={id} style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
          {label}
        </label>
        {extra}
      </div>
      {cloneElement(children, { id })}
    </div>
  );
}

/** The changes of a LinkOrCreate, with the picked id under the draft's own name for it. */
export function withId<K extends string>(
  changes: { mode?: 'link' | 'create'; id?: string | undefined; nameZh?: string; nameEn?: string },
  key: K,
) {
  const { id, ...rest } = changes;
  return 'id' in changes ? { ...rest, [key]: id } : rest;
}

/** One proposed value: keep it or not, see where it came from, and its editor while kept. */
export function ProposedValue({
  testId,
  name,
  accepted,
  onAccept,
  field,
  index,
  show,
  children,
}: {
  testId: string;
  name: string;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
  field: EvidenceField;
  index: number;
  show: string;
  children: ReactNode;
}) {
  return (
    <div
      data-testid={testId}
      style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 8 }}
    >
      <Space wrap>
        <Checkbox checked={accepted} onChange={(e) => onAccept(e.target.checked)}>
          <strong>{name}</strong>
        </Checkbox>
        <EvidenceLink field={field} index={index} label={show} />
      </Space>
      {accepted && (
        <Row gutter={8} style={{ marginTop: 6 }}>
          {children}
        </Row>
      )}
    </div>
  );
}

/** A record of the registry, or a new one named in both languages. */
export function LinkOrCreate({
  source,
  labels,
  draft,
  nameMax,
  onChange,
}: {
  source: 'organizations' | 'people';
  labels: { link: string; create: string; picker: string };
  draft: {
    mode: 'link' | 'create';
    id: string | undefined;
    known: OrgDraft['known'];
    nameZh: string;
    nameEn: string;
  };
  nameMax: [number, number];
  onChange: (changes: {
    mode?: 'link' | 'create';
    id?: string | undefined;
    nameZh?: string;
    nameEn?: string;
  }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Col xs={24}>
        <Radio.Group
          value={draft.mode}
          onChange={(e) => onChange({ mode: e.target.value })}
          options={[
            { value: 'link', label: labels.link },
            { value: 'create', label: labels.create },
          ]}
        />
      </Col>
      {draft.mode === 'link' ? (
        <Col xs={24} sm={14}>
          <Field label={labels.picker}>
            <RecordPicker
              source={source}
              style={{ width: '100%' }}
              known={draft.known}
              value={draft.id}
              onChange={(v) => onChange({ id: (v as string) || undefined })}
            />
          </Field>
        </Col>
      ) : (
        <>
          <Col xs={24} sm={12}>
            <Field label={t('admin.proposals.nameZh')}>
              <Input
                value={draft.nameZh}
                onChange={(e) => onChange({ nameZh: e.target.value })}
                maxLength={nameMax[0]}
              />
            </Field>
          </Col>
          <Col xs={24} sm={12}>
            <Field label={t('admin.proposals.nameEn')}>
              <Input
                value={draft.nameEn}
                onChange={(e) => onChange({ nameEn: e.target.value })}
                maxLength={nameMax[1]}
              />
            </Field>
          </Col>
        </>
      )}
    </>
  );
}
