import { Button, Card, Space } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProposalDetail } from '../proposals.schema.ts';
import type { EvidenceField, Extraction, Span } from './proposal-draft.ts';

/** Light grounds that keep black text readable (contrast well above 4.5:1). */
const fieldColor: Record<EvidenceField, string> = {
  date: '#fff1b8',
  type: '#d6e4ff',
  delegation: '#ffe7ba',
  org: '#d9f7be',
  person: '#ffd8bf',
  place: '#efdbff',
  outcome: '#b5f5ec',
  cooperation: '#f0f0f0',
};

const markId = (field: EvidenceField, index = 0) => `evidence-${field}-${index}`;

/** Scrolls the article to a value's evidence and moves focus there, for keyboard users too. */
function showEvidence(field: EvidenceField, index = 0) {
  const mark = document.getElementById(markId(field, index));
  if (!mark) return;
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  mark.focus({ preventScroll: true });
}

/** A link from a proposed value to where the article says it. */
export function EvidenceLink({
  field,
  index,
  label,
}: {
  field: EvidenceField;
  index?: number;
  label: string;
}) {
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => showEvidence(field, index)}>
      {label}
    </Button>
  );
}

/** The article text with every proposed value's evidence marked. */
function MarkedDocument({
  document: text,
  x,
  labels,
}: {
  document: string;
  x: Extraction;
  labels: Record<EvidenceField, string>;
}) {
  const spans: { field: EvidenceField; index: number; span: Span }[] = [];
  if (x.dateEvidence) spans.push({ field: 'date', index: 0, span: x.dateEvidence });
  if (x.eventTypeEvidence) spans.push({ field: 'type', index: 0, span: x.eventTypeEvidence });
  if (x.delegationEvidence) spans.push({ field: 'delegation', index: 0, span: x.delegationEvidence });
  x.organizations.forEach((o, i) => void spans.push({ field: 'org', index: i, span: o.evidence }));
  x.people.forEach((o, i) => void spans.push({ field: 'person', index: i, span: o.evidence }));
  x.placesVisited.forEach((o, i) => void spans.push({ field: 'place', index: i, span: o.evidence }));
  x.outcomes.forEach((o, i) => void spans.push({ field: 'outcome', index: i, span: o.evidence }));
  x.isCooperationEvidence.forEach((s, i) => void spans.push({ field: 'cooperation', index: i, span: s }));
  spans.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.span.start < at || s.span.end > text.length || s.span.end <= s.span.start) continue;
    if (s.span.start > at) parts.push(text.slice(at, s.span.start));
    parts.push(
      <mark
        key={`${s.field}-${s.index}`}
        id={markId(s.field, s.index)}
        tabIndex={-1}
        title={labels[s.field]}
        data-field={s.field}
        style={{ background: fieldColor[s.field], color: '#000', padding: '0 2px', borderRadius: 2 }}
      >
        {text.slice(s.span.start, s.span.end)}
      </mark>,
    );
    at = s.span.end;
  }
  parts.push(text.slice(at));
  return (
    <div data-testid="proposal-document" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
      {parts}
    </div>
  );
}

/** The article card: a colour legend, then the text with the evidence of each proposed value marked. */
export function ProposalArticle({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const labels = useMemo(
    () =>
      Object.fromEntries(
        (['date', 'type', 'delegation', 'org', 'person', 'place', 'outcome', 'cooperation'] as const).map(
          (f) => [f, t(`admin.proposals.fields.${f}`)],
        ),
      ) as Record<EvidenceField, string>,
    [t],
  );
  return (
    <Card
      size="small"
      title={<h2 className="concord-card-title">{t('admin.proposals.articleText')}</h2>}
      styles={{ body: { maxHeight: '75vh', overflow: 'auto' } }}
    >
      <Space wrap size={4} style={{ marginBottom: 8 }} aria-label={t('admin.proposals.legend')}>
        {(['date', 'type', 'org', 'person', 'place', 'outcome', 'delegation'] as const).map((f) => (
          <span
            key={f}
            style={{
              background: fieldColor[f],
              color: '#000',
              padding: '0 6px',
              borderRadius: 2,
              fontSize: 12,
            }}
          >
            {labels[f]}
          </span>
        ))}
      </Space>
      <MarkedDocument document={proposal.document} x={proposal.extraction} labels={labels} />
    </Card>
  );
}
