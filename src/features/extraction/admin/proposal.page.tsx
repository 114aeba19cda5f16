import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { cloneElement, type ReactElement, type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { ApiError, errorMessage } from '../../../admin/api-client.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { useSession } from '../../../admin/session.tsx';
import {
  engagementTypeSchema,
  organizationRoleSchema,
  outcomeKindSchema,
  participantRoleSchema,
} from '../../engagements/engagements.schema.ts';
import { organizationKinds } from '../../organizations/organizations.schema.ts';
import type { ConfirmProposalInput, ProposalDetail } from '../proposals.schema.ts';
import { ConfidenceTag, proposalStatusColor, proposalsQueryKey } from './proposals.page.tsx';

type X = ProposalDetail['extraction'];
type Span = { start: number; end: number; text: string };
type Field = 'date' | 'type' | 'delegation' | 'org' | 'person' | 'place' | 'outcome' | 'cooperation';

/** Light grounds that keep black text readable (contrast well above 4.5:1). */
const fieldColor: Record<Field, string> = {
  date: '#fff1b8',
  type: '#d6e4ff',
  delegation: '#ffe7ba',
  org: '#d9f7be',
  person: '#ffd8bf',
  place: '#efdbff',
  outcome: '#b5f5ec',
  cooperation: '#f0f0f0',
};

interface OrgDraft {
  key: string;
  accepted: boolean;
  name: string;
  evidence: Span;
  mode: 'link' | 'create';
  organizationId: string | undefined;
  known: { id: string; nameZh: string; nameEn: string }[];
  kind: string;
  nameZh: string;
  nameEn: string;
  role: string;
}
interface PersonDraft {
  accepted: boolean;
  name: string;
  evidence: Span;
  mode: 'link' | 'create';
  personId: string | undefined;
  known: { id: string; nameZh: string; nameEn: string }[];
  nameZh: string;
  nameEn: string;
  side: 'ours' | 'theirs';
  role: string;
  orgKey: string | null;
  titleZh: string;
  titleEn: string;
}
interface OutcomeDraft {
  accepted: boolean;
  kind: string;
  text: string;
  evidence: Span;
}
interface Draft {
  type: string;
  startsOn: string;
  titleZh: string;
  titleEn: string;
  delegationSize: number | null;
  location: string;
  topics: string[];
  facilityIds: string[];
  orgs: OrgDraft[];
  people: PersonDraft[];
  outcomes: OutcomeDraft[];
}

const markId = (field: Field, index = 0) => `evidence-${field}-${index}`;

/** Scrolls the article to a value's evidence and moves focus there, for keyboard users too. */
function showEvidence(field: Field, index = 0) {
  const mark = document.getElementById(markId(field, index));
  if (!mark) return;
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  mark.focus({ preventScroll: true });
}

function guessRole(evidence: string, side: 'ours' | 'theirs'): string {
  if (/\bled\b|率|带队|带领/.test(evidence) && side === 'theirs') return 'led';
  if (/receiv|welcom|met |接待|会见|欢迎/i.test(evidence) && side === 'ours') return 'received';
  if (/presid|主持/i.test(evidence)) return 'presided';
  return 'attended';
}

function initialDraft(p: ProposalDetail): Draft {
  const zh = p.language === 'zh-CN';
  const x = p.extraction;
  const orgs: OrgDraft[] = x.organizations.map((o, i) => ({
    key: `o${i}`,
    accepted: true,
    name: o.name,
    evidence: o.evidence,
    mode: o.match ? 'link' : 'create',
    organizationId: o.match?.id,
    known: o.match ? [o.match] : [],
    kind: o.kind,
    nameZh: o.name,
    nameEn: zh ? '' : o.name,
    role: o.role,
  }));
  const people: PersonDraft[] = x.people.map((person) => {
    const first = person.candidates[0];
    const orgKey = orgs.find((o) => o.name === person.organization)?.key ?? null;
    return {
      accepted: true,
      name: person.name,
      evidence: person.evidence,
      mode: first ? 'link' : 'create',
      personId: first?.personId,
      known: person.candidates.map((c) => ({ id: c.personId, nameZh: c.nameZh, nameEn: c.nameEn })),
      nameZh: person.name,
      nameEn: zh ? '' : person.name,
      side: person.side,
      role: guessRole(person.evidence.text, person.side),
      orgKey: person.side === 'theirs' ? orgKey : null,
      titleZh: zh ? (person.title ?? '') : '',
      titleEn: zh ? '' : (person.title ?? ''),
    };
  });
  const unmatched = x.placesVisited.filter((pl) => !pl.facilityId).map((pl) => pl.name);
  return {
    type: p.eventType,
    startsOn: p.eventDate ?? p.publishedOn ?? dayjs().format('YYYY-MM-DD'),
    titleZh: p.title,
    titleEn: zh ? '' : p.title,
    delegationSize: x.delegationSize,
    location: unmatched.join(zh ? '、' : ', '),
    topics: x.topics.map((topic) => topic.name),
    facilityIds: x.placesVisited.flatMap((pl) => (pl.facilityId ? [pl.facilityId] : [])),
    orgs,
    people,
    outcomes: x.outcomes.map((o) => ({
      accepted: true,
      kind: /签|sign/i.test(o.text) ? 'signed_document' : 'consensus',
      text: o.text,
      evidence: o.evidence,
    })),
  };
}

/** The article text with every proposed value's evidence marked. */
function MarkedDocument({
  document: text,
  x,
  labels,
}: {
  document: string;
  x: X;
  labels: Record<Field, string>;
}) {
  const spans: { field: Field; index: number; span: Span }[] = [];
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

function EvidenceLink({ field, index, label }: { field: Field; index?: number; label: string }) {
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => showEvidence(field, index)}>
      {label}
    </Button>
  );
}

/** A labelled control: the label names the control by id, as screen readers expect. */
function Field({
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
function withId<K extends string>(
  changes: { mode?: 'link' | 'create'; id?: string | undefined; nameZh?: string; nameEn?: string },
  key: K,
) {
  const { id, ...rest } = changes;
  return 'id' in changes ? { ...rest, [key]: id } : rest;
}

/** One proposed value: keep it or not, see where it came from, and its editor while kept. */
function ProposedValue({
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
  field: Field;
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
function LinkOrCreate({
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

/** One proposal: the article with its evidence marked beside the record to accept, edit or reject. */
export default function ProposalPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const allowed = session.can('imports.run');
  const proposal = useQuery({
    queryKey: [...proposalsQueryKey, 'one', id],
    queryFn: () => api('GET /api/proposals/:id', { params: { id } }),
    enabled: allowed,
    retry: false,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reason, setReason] = useState<'not_cooperation' | 'duplicate' | 'other'>('not_cooperation');
  useEffect(() => {
    if (proposal.data) setDraft(initialDraft(proposal.data));
  }, [proposal.data]);
  const labels = useMemo(
    () =>
      Object.fromEntries(
        (['date', 'type', 'delegation', 'org', 'person', 'place', 'outcome', 'cooperation'] as const).map(
          (f) => [f, t(`admin.proposals.fields.${f}`)],
        ),
      ) as Record<Field, string>,
    [t],
  );
  const done = () => void queryClient.invalidateQueries({ queryKey: proposalsQueryKey });
  const confirm = useMutation({
    mutationFn: (body: ConfirmProposalInput) =>
      api('POST /api/proposals/:id/confirm', { params: { id }, body }),
    onSuccess: (r) => {
      done();
      void message.success(t('admin.proposals.confirmed'));
      void navigate(`/engagements/${r.engagementId}`);
    },
    onError: (e) => {
      const details =
        e instanceof ApiError && Array.isArray(e.details)
          ? (e.details as { path: string; message: string }[])
          : [];
      void message.error(
        details.length
          ? `${errorMessage(e)}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`
          : errorMessage(e),
      );
    },
  });
  const reject = useMutation({
    mutationFn: (version: number) =>
      api('POST /api/proposals/:id/reject', { params: { id }, body: { version, reason } }),
    onSuccess: () => {
      done();
      void message.success(t('admin.proposals.rejectedOne'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const reopen = useMutation({
    mutationFn: (version: number) =>
      api('POST /api/proposals/:id/reopen', { params: { id }, body: { version } }),
    onSuccess: () => {
      done();
      void message.success(t('admin.proposals.reopenedOne'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (!allowed) return <NotFoundPage />;
  if (proposal.isError) {
    if (proposal.error instanceof ApiError && proposal.error.status === 404) return <NotFoundPage />;
    return <Alert type="error" showIcon message={errorMessage(proposal.error)} />;
  }
  const p = proposal.data;
  if (!p || !draft) return <Spin tip={t('admin.common.loading')} fullscreen={false} />;
  const x = p.extraction;
  const pending = p.status === 'pending';
  const set = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });
  const setOrg = (i: number, changes: Partial<OrgDraft>) =>
    set({ orgs: draft.orgs.map((o, j) => (j === i ? { ...o, ...changes } : o)) });
  const setPerson = (i: number, changes: Partial<PersonDraft>) =>
    set({ people: draft.people.map((o, j) => (j === i ? { ...o, ...changes } : o)) });
  const setOutcome = (i: number, changes: Partial<OutcomeDraft>) =>
    set({ outcomes: draft.outcomes.map((o, j) => (j === i ? { ...o, ...changes } : o)) });
  const acceptedOrgs = draft.orgs.filter((o) => o.accepted);
  const orgLabel = (o: OrgDraft) => (o.mode === 'create' ? o.nameZh || o.name : o.name);

  const submit = () => {
    const orgKeys = new Set(acceptedOrgs.map((o) => o.key));
    confirm.mutate({
      version: p.version,
      type: draft.type as ConfirmProposalInput['type'],
      titleZh: draft.titleZh,
      titleEn: draft.titleEn,
      startsOn: draft.startsOn,
      location: draft.location || null,
      delegationSize: draft.delegationSize,
      topics: draft.topics,
      facilityIds: draft.facilityIds,
      organizations: acceptedOrgs.map((o) =>
        o.mode === 'link' && o.organizationId
          ? { key: o.key, organizationId: o.organizationId, role: o.role as 'partner' }
          : {
              key: o.key,
              create: { kind: o.kind as 'enterprise', nameZh: o.nameZh, nameEn: o.nameEn },
              role: o.role as 'partner',
            },
      ),
      people: draft.people
        .filter((x) => x.accepted)
        .map((x) => ({
          ...(x.mode === 'link' && x.personId
            ? { personId: x.personId }
            : { create: { nameZh: x.nameZh, nameEn: x.nameEn } }),
          organizationKey: x.orgKey && orgKeys.has(x.orgKey) ? x.orgKey : null,
          side: x.side,
          role: x.role as 'attended',
          titleZh: x.titleZh || null,
          titleEn: x.titleEn || null,
        })),
      outcomes: draft.outcomes
        .filter((o) => o.accepted && o.text.trim())
        .map((o) => ({ kind: o.kind as 'consensus', text: o.text })),
    });
  };
  const show = t('admin.proposals.showInText');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/proposals">{t('admin.proposals.back')}</Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {p.title}
        </Typography.Title>
        <Space wrap>
          <Tag color={proposalStatusColor(p.status)}>{t(`admin.proposals.statuses.${p.status}`)}</Tag>
          <ConfidenceTag value={p.confidence} />
          {p.publishedOn && (
            <Typography.Text type="secondary">
              {t('admin.proposals.publishedOn', {
                date: new Date(`${p.publishedOn}T00:00:00`).toLocaleDateString(i18n.language),
              })}
            </Typography.Text>
          )}
          {p.article && <Link to={`/articles/${p.article.id}`}>{t('admin.proposals.openArticle')}</Link>}
          {p.engagementId && (
            <Link to={`/engagements/${p.engagementId}`} data-testid="proposal-engagement-link">
              {t('admin.proposals.openEngagement')}
            </Link>
          )}
        </Space>
      </div>
      {!p.isCooperation && pending && (
        <Alert type="warning" showIcon message={t('admin.proposals.notCooperationHint')} />
      )}
      {p.status === 'rejected' && (
        <Alert
          type="info"
          showIcon
          message={t('admin.proposals.wasRejected', {
            reason: t(`admin.proposals.reasons.${p.rejectReason ?? 'other'}`),
          })}
          action={
            <Button size="small" onClick={() => reopen.mutate(p.version)} loading={reopen.isPending}>
              {t('admin.proposals.reopen')}
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
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
            <MarkedDocument document={p.document} x={x} labels={labels} />
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <fieldset
            disabled={!pending || confirm.isPending}
            style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
          >
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card
                size="small"
                title={<h2 className="concord-card-title">{t('admin.proposals.engagement')}</h2>}
              >
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
                      <Input
                        value={draft.titleZh}
                        onChange={(e) => set({ titleZh: e.target.value })}
                        maxLength={300}
                      />
                    </Field>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Field label={t('admin.proposals.titleEn')}>
                      <Input
                        value={draft.titleEn}
                        onChange={(e) => set({ titleEn: e.target.value })}
                        maxLength={300}
                      />
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

              <Card
                size="small"
                title={<h2 className="concord-card-title">{t('admin.proposals.organizations')}</h2>}
              >
                {draft.orgs.length === 0 && (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('admin.proposals.noOrganizations')}
                  />
                )}
                {draft.orgs.map((o, i) => (
                  <ProposedValue
                    key={o.key}
                    testId="proposal-org"
                    name={o.name}
                    accepted={o.accepted}
                    onAccept={(accepted) => setOrg(i, { accepted })}
                    field="org"
                    index={i}
                    show={show}
                  >
                    <LinkOrCreate
                      source="organizations"
                      labels={{
                        link: t('admin.proposals.linkExisting'),
                        create: t('admin.proposals.createNew'),
                        picker: t('admin.proposals.partner'),
                      }}
                      draft={{ ...o, id: o.organizationId }}
                      nameMax={[200, 300]}
                      onChange={(changes) => setOrg(i, withId(changes, 'organizationId'))}
                    />
                    {o.mode === 'create' && (
                      <Col xs={24} sm={12}>
                        <Field label={t('admin.proposals.kind')}>
                          <Select
                            style={{ width: '100%' }}
                            value={o.kind}
                            onChange={(v) => setOrg(i, { kind: v })}
                            options={organizationKinds.map((k) => ({
                              value: k,
                              label: t(`admin.partners.kinds.${k}`),
                            }))}
                          />
                        </Field>
                      </Col>
                    )}
                    <Col xs={24} sm={10}>
                      <Field label={t('admin.proposals.role')}>
                        <Select
                          style={{ width: '100%' }}
                          value={o.role}
                          onChange={(v) => setOrg(i, { role: v })}
                          options={organizationRoleSchema.options.map((r) => ({
                            value: r,
                            label: t(`admin.engagements.orgRoles.${r}`),
                          }))}
                        />
                      </Field>
                    </Col>
                  </ProposedValue>
                ))}
              </Card>

              <Card
                size="small"
                title={<h2 className="concord-card-title">{t('admin.proposals.people')}</h2>}
              >
                {draft.people.length === 0 && (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.proposals.noPeople')} />
                )}
                {draft.people.map((person, i) => (
                  <ProposedValue
                    key={`${person.evidence.start}-${person.name}`}
                    testId="proposal-person"
                    name={person.name}
                    accepted={person.accepted}
                    onAccept={(accepted) => setPerson(i, { accepted })}
                    field="person"
                    index={i}
                    show={show}
                  >
                    <LinkOrCreate
                      source="people"
                      labels={{
                        link: t('admin.proposals.linkExistingPerson'),
                        create: t('admin.proposals.createNewPerson'),
                        picker: t('admin.proposals.person'),
                      }}
                      draft={{ ...person, id: person.personId }}
                      nameMax={[100, 200]}
                      onChange={(changes) => setPerson(i, withId(changes, 'personId'))}
                    />
                    <Col xs={12} sm={6}>
                      <Field label={t('admin.proposals.side')}>
                        <Select
                          style={{ width: '100%' }}
                          value={person.side}
                          onChange={(v) =>
                            setPerson(i, { side: v, orgKey: v === 'ours' ? null : person.orgKey })
                          }
                          options={(['ours', 'theirs'] as const).map((s) => ({
                            value: s,
                            label: t(`admin.engagements.sides.${s}`),
                          }))}
                        />
                      </Field>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Field label={t('admin.proposals.participantRole')}>
                        <Select
                          style={{ width: '100%' }}
                          value={person.role}
                          onChange={(v) => setPerson(i, { role: v })}
                          options={participantRoleSchema.options.map((r) => ({
                            value: r,
                            label: t(`admin.engagements.roles.${r}`),
                          }))}
                        />
                      </Field>
                    </Col>
                    {person.side === 'theirs' && (
                      <Col xs={24} sm={12}>
                        <Field label={t('admin.proposals.atOrganization')}>
                          <Select
                            style={{ width: '100%' }}
                            allowClear
                            value={person.orgKey ?? undefined}
                            onChange={(v) => setPerson(i, { orgKey: v ?? null })}
                            options={acceptedOrgs.map((o) => ({ value: o.key, label: orgLabel(o) }))}
                          />
                        </Field>
                      </Col>
                    )}
                    <Col xs={24} sm={12}>
                      <Field label={t('admin.proposals.titleOfDayZh')}>
                        <Input
                          value={person.titleZh}
                          onChange={(e) => setPerson(i, { titleZh: e.target.value })}
                          maxLength={200}
                        />
                      </Field>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Field label={t('admin.proposals.titleOfDayEn')}>
                        <Input
                          value={person.titleEn}
                          onChange={(e) => setPerson(i, { titleEn: e.target.value })}
                          maxLength={200}
                        />
                      </Field>
                    </Col>
                  </ProposedValue>
                ))}
              </Card>

              <Card
                size="small"
                title={<h2 className="concord-card-title">{t('admin.proposals.outcomes')}</h2>}
              >
                {draft.outcomes.length === 0 && (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.proposals.noOutcomes')} />
                )}
                {draft.outcomes.map((o, i) => (
                  <div key={o.evidence.start} data-testid="proposal-outcome" style={{ marginBottom: 10 }}>
                    <Space wrap>
                      <Checkbox
                        checked={o.accepted}
                        onChange={(e) => setOutcome(i, { accepted: e.target.checked })}
                      >
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
            </Space>
          </fieldset>
          {pending && (
            <Space wrap style={{ marginTop: 16 }}>
              <Button
                type="primary"
                onClick={submit}
                loading={confirm.isPending}
                disabled={!draft.titleZh.trim() || !draft.startsOn}
                data-testid="proposal-confirm"
              >
                {t('admin.proposals.confirm')}
              </Button>
              <Popconfirm
                title={t('admin.proposals.rejectConfirm')}
                description={
                  <Radio.Group
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    style={{ display: 'flex', flexDirection: 'column' }}
                    options={(['not_cooperation', 'duplicate', 'other'] as const).map((r) => ({
                      value: r,
                      label: t(`admin.proposals.reasons.${r}`),
                    }))}
                  />
                }
                okText={t('admin.proposals.reject')}
                cancelText={t('admin.proposals.keep')}
                onConfirm={() => reject.mutate(p.version)}
              >
                <Button danger loading={reject.isPending} data-testid="proposal-reject">
                  {t('admin.proposals.reject')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Col>
      </Row>
    </Space>
  );
}
