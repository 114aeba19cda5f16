import dayjs from 'dayjs';
import type { ConfirmProposalInput, ProposalDetail } from '../proposals.schema.ts';

/** What the extractor found in the article, each value with its evidence. */
export type Extraction = ProposalDetail['extraction'];
/** A stretch of the article that a proposed value came from. */
export type Span = { start: number; end: number; text: string };
/** The kinds of proposed value, each marked in its own colour in the article. */
export type EvidenceField =
  | 'date'
  | 'type'
  | 'delegation'
  | 'org'
  | 'person'
  | 'place'
  | 'outcome'
  | 'cooperation';

/** A proposed organization: linked to a partner of the registry or created from the article. */
export interface OrgDraft {
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
/** A proposed participant: linked to a person of the registry or created from the article. */
export interface PersonDraft {
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
/** A proposed outcome of the engagement. */
export interface OutcomeDraft {
  accepted: boolean;
  kind: string;
  text: string;
  evidence: Span;
}
/** The engagement record as the reviewer is shaping it. */
export interface Draft {
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

/** What a section of the review edits: the draft, and how to change part of it. */
export interface DraftSectionProps {
  draft: Draft;
  onChange: (changes: Partial<Draft>) => void;
}

/** Returns the list with the item at `index` changed and the others as they were. */
export function patchAt<T>(list: T[], index: number, changes: Partial<T>): T[] {
  return list.map((item, j) => (j === index ? { ...item, ...changes } : item));
}

function guessRole(evidence: string, side: 'ours' | 'theirs'): string {
  if (/\bled\b|率|带队|带领/.test(evidence) && side === 'theirs') return 'led';
  if (/receiv|welcom|met |接待|会见|欢迎/i.test(evidence) && side === 'ours') return 'received';
  if (/presid|主持/i.test(evidence)) return 'presided';
  return 'attended';
}

/** Builds the draft as proposed, before the reviewer changes anything. */
export function initialDraft(p: ProposalDetail): Draft {
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

/** Turns the reviewed draft into the confirm request: only the values kept go in. */
export function toConfirmInput(p: ProposalDetail, draft: Draft): ConfirmProposalInput {
  const acceptedOrgs = draft.orgs.filter((o) => o.accepted);
  const orgKeys = new Set(acceptedOrgs.map((o) => o.key));
  return {
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
  };
}
