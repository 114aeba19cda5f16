import { Card, Col, Empty, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { organizationRoleSchema, participantRoleSchema } from '../../engagements/engagements.schema.ts';
import { organizationKinds } from '../../organizations/organizations.schema.ts';
import { type DraftSectionProps, type OrgDraft, type PersonDraft, patchAt } from './proposal-draft.ts';
import { Field, LinkOrCreate, ProposedValue, withId } from './proposal-fields.tsx';

/** The organizations the article names: each linked to a partner or created, with its role. */
export function ProposalOrganizationsCard({ draft, onChange }: DraftSectionProps) {
  const { t } = useTranslation();
  const show = t('admin.proposals.showInText');
  const setOrg = (i: number, changes: Partial<OrgDraft>) =>
    onChange({ orgs: patchAt(draft.orgs, i, changes) });
  return (
    <Card size="small" title={<h2 className="concord-card-title">{t('admin.proposals.organizations')}</h2>}>
      {draft.orgs.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.proposals.noOrganizations')} />
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
  );
}

/** The people the article names: each linked or created, with side, role, organization and title that day. */
export function ProposalPeopleCard({ draft, onChange }: DraftSectionProps) {
  const { t } = useTranslation();
  const show = t('admin.proposals.showInText');
  const setPerson = (i: number, changes: Partial<PersonDraft>) =>
    onChange({ people: patchAt(draft.people, i, changes) });
  const acceptedOrgs = draft.orgs.filter((o) => o.accepted);
  const orgLabel = (o: OrgDraft) => (o.mode === 'create' ? o.nameZh || o.name : o.name);
  return (
    <Card size="small" title={<h2 className="concord-card-title">{t('admin.proposals.people')}</h2>}>
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
                onChange={(v) => setPerson(i, { side: v, orgKey: v === 'ours' ? null : person.orgKey })}
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
  );
}
