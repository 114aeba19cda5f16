import { isNull } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { parseNewsPage, parseTextArticle } from '../imports/news-page.ts';
import { facilities } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { type Extraction, extractEngagement, type Gazetteer, normalizeName } from './extract.ts';

/** The college's registry as the extractor's gazetteer, and a way back from a name to the record. */
export interface Registry {
  gazetteer: Gazetteer;
  organizationIdOf(name: string): string | null;
  facilityIdOf(name: string): string | null;
}

/** Reads the college's partners (names in both languages and aliases) and facilities once. */
export async function loadRegistry(scope: TenantScope): Promise<Registry> {
  const orgs = await scope.select(organizations, { where: isNull(organizations.deletedAt) });
  const places = await scope.select(facilities, { where: isNull(facilities.deletedAt) });
  const orgIds = new Map<string, string>();
  for (const o of orgs) {
    for (const name of [o.nameZh, o.nameEn, ...o.aliases])
      if (name) orgIds.set(normalizeName(name), o.mergedIntoId ?? o.id);
  }
  const placeIds = new Map<string, string>();
  for (const f of places)
    for (const name of [f.nameZh, f.nameEn]) if (name) placeIds.set(normalizeName(name), f.id);
  return {
    gazetteer: {
      organizations: orgs.map((o) => ({
        name: o.nameZh,
        kind: o.kind,
        aliases: [o.nameEn, ...o.aliases].filter(Boolean),
      })),
      places: places.flatMap((f) => [f.nameZh, f.nameEn].filter(Boolean)),
    },
    organizationIdOf: (name) => orgIds.get(normalizeName(name)) ?? null,
    facilityIdOf: (name) => placeIds.get(normalizeName(name)) ?? null,
  };
}

/** What `concord extract` prints for one file: the proposal, its evidence, and registry links. */
export interface ExtractionLine {
  file: string;
  title: string;
  language: 'en' | 'zh-CN';
  date: string | null;
  eventType: Extraction['eventType'];
  isCooperation: boolean;
  confidence: number;
  organizations: { name: string; kind: string; role: string; registryId: string | null }[];
  people: { name: string; title: string | null; organization: string | null }[];
  delegationSize: number | null;
  placesVisited: { name: string; facilityId: string | null }[];
  topics: string[];
  outcomes: string[];
  evidence: {
    date: string | null;
    eventType: string | null;
    isCooperation: string[];
    delegationSize: string | null;
    organizations: string[];
    people: string[];
    placesVisited: string[];
    outcomes: string[];
  };
}

/**
 * Runs the extractor over one saved page or plain-text file (HTML is read as the importer reads
 * it), with what an importer knows about it (its address and publication date), linking names
 * to the registry when one is given.
 */
export function extractFromFile(
  file: string,
  bytes: Uint8Array,
  options: { language?: 'en' | 'zh-CN'; url?: string; published?: string; registry?: Registry },
): ExtractionLine {
  const isText = /\.txt$/i.test(file);
  const page = isText ? parseTextArticle(bytes, file) : parseNewsPage(bytes, file);
  const text = isText
    ? new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n').split('\n').slice(1).join('\n').trim()
    : page.bodyText;
  const result = extractEngagement({
    title: page.title,
    text,
    language: options.language ?? page.language,
    ...(options.url ? { url: options.url } : page.sourceUrl ? { url: page.sourceUrl } : {}),
    ...(options.published ? { published: options.published } : page.date ? { published: page.date } : {}),
    ...(options.registry ? { gazetteer: options.registry.gazetteer } : {}),
  });
  const registry = options.registry;
  return {
    file,
    title: page.title,
    language: result.language,
    date: result.date,
    eventType: result.eventType,
    isCooperation: result.isCooperation,
    confidence: result.confidence,
    organizations: result.organizations.map((o) => ({
      name: o.name,
      kind: o.kind,
      role: o.role,
      registryId: registry?.organizationIdOf(o.name) ?? null,
    })),
    people: result.people.map((p) => ({ name: p.name, title: p.title, organization: p.organization })),
    delegationSize: result.delegationSize,
    placesVisited: result.placesVisited.map((p) => ({
      name: p.name,
      facilityId: registry?.facilityIdOf(p.name) ?? null,
    })),
    topics: result.topics.map((t) => t.name),
    outcomes: result.outcomes.map((o) => o.text),
    evidence: {
      date: result.dateEvidence?.text ?? null,
      eventType: result.eventTypeEvidence?.text ?? null,
      isCooperation: result.isCooperationEvidence.map((s) => s.text),
      delegationSize: result.delegationEvidence?.text ?? null,
      organizations: result.organizations.map((o) => o.evidence.text),
      people: result.people.map((p) => p.evidence.text),
      placesVisited: result.placesVisited.map((p) => p.evidence.text),
      outcomes: result.outcomes.map((o) => o.evidence.text),
    },
  };
}
