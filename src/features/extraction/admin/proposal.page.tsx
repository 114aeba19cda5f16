import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Row, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { ApiError, errorMessage } from '../../../admin/api-client.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { ConfirmProposalInput } from '../proposals.schema.ts';
import { ProposalActions, type RejectReason } from './proposal-actions.tsx';
import { ProposalArticle } from './proposal-article.tsx';
import { ProposalOrganizationsCard, ProposalPeopleCard } from './proposal-candidates.tsx';
import { type Draft, initialDraft, toConfirmInput } from './proposal-draft.ts';
import { ProposalEngagementCard } from './proposal-engagement-card.tsx';
import { ProposalHeader, ProposalRejectedAlert } from './proposal-header.tsx';
import { ProposalOutcomesCard } from './proposal-outcomes-card.tsx';
import { proposalsQueryKey } from './proposals.page.tsx';

/** One proposal: the article with its evidence marked beside the record to accept, edit or reject. */
export default function ProposalPage() {
  const { t } = useTranslation();
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
  const [reason, setReason] = useState<RejectReason>('not_cooperation');
  useEffect(() => {
    if (proposal.data) setDraft(initialDraft(proposal.data));
  }, [proposal.data]);
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
  const pending = p.status === 'pending';
  const set = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/proposals">{t('admin.proposals.back')}</Link>
      <ProposalHeader proposal={p} />
      {!p.isCooperation && pending && (
        <Alert type="warning" showIcon message={t('admin.proposals.notCooperationHint')} />
      )}
      {p.status === 'rejected' && (
        <ProposalRejectedAlert
          proposal={p}
          onReopen={() => reopen.mutate(p.version)}
          reopening={reopen.isPending}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <ProposalArticle proposal={p} />
        </Col>
        <Col xs={24} lg={13}>
          <fieldset
            disabled={!pending || confirm.isPending}
            style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
          >
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <ProposalEngagementCard draft={draft} extraction={p.extraction} onChange={set} />
              <ProposalOrganizationsCard draft={draft} onChange={set} />
              <ProposalPeopleCard draft={draft} onChange={set} />
              <ProposalOutcomesCard draft={draft} onChange={set} pending={pending} />
            </Space>
          </fieldset>
          {pending && (
            <ProposalActions
              canConfirm={Boolean(draft.titleZh.trim() && draft.startsOn)}
              confirming={confirm.isPending}
              onConfirm={() => confirm.mutate(toConfirmInput(p, draft))}
              reason={reason}
              onReasonChange={setReason}
              rejecting={reject.isPending}
              onReject={() => reject.mutate(p.version)}
            />
          )}
        </Col>
      </Row>
    </Space>
  );
}
