import { Card, Checkbox, Empty, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { outcomeKindSchema } from '../../engagements/engagements.schema.ts';
import { EvidenceLink } from './proposal-article.tsx';
import { type DraftSectionProps, type OutcomeDraft, patchAt } from './proposal-draft.ts';

/** The outcomes the article reports: keep each or not, with its kind and wording. */
export function ProposalOutcomesCard({ draft, onChange, pending }: DraftSectionProps & { pending: boolean }) {
  const { t } = useTranslation();
  const show = t('admin.proposals.showInText');
  const setOutcome = (i: number, changes: Partial<OutcomeDraft>) =>
    onChange({ outcomes: patchAt(draft.outcomes, i, changes) });
  return (
    <Card size="small" title={<h2 className="concord-card-title">{t('admin.proposals.outcomes')}</h2>}>
      {draft.outcomes.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.proposals.noOutcomes')} />
      )}
      {draft.outcomes.map((o, i) => (
        <div key={o.evidence.start} data-testid="proposal-outcome" style={{ marginBottom: 10 }}>
          <Space wrap>
            <Checkbox checked={o.accepted} onChange={(e) => setOutcome(i, { accepted: e.target.checked })}>
              {t('admin.proposals.keepOutcome')}
            </Checkbox>
            <Select
              aria-label={t('admin.proposals.outcomeKind')}
              size="small"
              style={{ width: 160 }}
              value={o.kind}
              onChange={(v) => setOutcome(i, { kind: v })}
              options={outcomeKindSchema.options.map((k) => ({
                value: k,
                label: t(`admin.engagements.outcomeKinds.${k}`),
              }))}
            />
            <EvidenceLink field="outcome" index={i} label={show} />
          </Space>
          <Input.TextArea
            aria-label={t('admin.proposals.outcomeText')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={o.text}
            onChange={(e) => setOutcome(i, { text: e.target.value })}
            disabled={!o.accepted || !pending}
            style={{ marginTop: 4 }}
          />
        </div>
      ))}
    </Card>
  );
}
