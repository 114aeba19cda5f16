import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  calendarOutputSchema,
  calendarQuerySchema,
  engagementInputSchema,
  engagementListItemSchema,
  engagementListQuerySchema,
  engagementOutputSchema,
  outcomeAgreementInputSchema,
  outcomeCommitmentInputSchema,
  outcomeProgramInputSchema,
  updateEngagementInputSchema,
  versionInputSchema,
} from './engagements.schema.ts';
import {
  convertOutcomeToAgreement,
  convertOutcomeToCommitment,
  convertOutcomeToProgram,
  deleteEngagement,
  getEngagement,
  listEngagements,
  recordEngagement,
  showEngagementCalendar,
  updateEngagement,
} from './engagements.service.ts';

export const engagementsRoutes = defineRoutes('/api/engagements', 'engagements', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List engagements (newest first)',
      query: engagementListQuerySchema,
      response: listResultSchema(engagementListItemSchema),
    },
    async (c) => c.json(await listEngagements(c.var.scope, readQuery(c, engagementListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Record an engagement with organizations, participants and outcomes',
      body: engagementInputSchema,
      response: engagementOutputSchema,
    },
    async (c) => c.json(await recordEngagement(c.var.scope, await readBody(c, engagementInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/calendar',
      access: 'records.read',
      summary: "A month's engagements by day",
      query: calendarQuerySchema,
      response: calendarOutputSchema,
    },
    async (c) => c.json(await showEngagementCalendar(c.var.scope, readQuery(c, calendarQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read an engagement with everything recorded about it',
      response: engagementOutputSchema,
    },
    async (c) => c.json(await getEngagement(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Replace an engagement and its organizations, participants and outcomes',
      body: updateEngagementInputSchema,
      response: engagementOutputSchema,
    },
    async (c) =>
      c.json(
        await updateEngagement(c.var.scope, readIdParam(c), await readBody(c, updateEngagementInputSchema)),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete an engagement (soft; ?version= required)',
      query: versionInputSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionInputSchema);
      await deleteEngagement(c.var.scope, readIdParam(c), version);
      return c.body(null, 204);
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/outcomes/:outcomeId/commitment',
      access: 'records.write',
      summary: 'Turn an outcome into a commitment',
      body: outcomeCommitmentInputSchema,
      response: engagementOutputSchema,
    },
    async (c) =>
      c.json(
        await convertOutcomeToCommitment(
          c.var.scope,
          readIdParam(c),
          readIdParam(c, 'outcomeId'),
          await readBody(c, outcomeCommitmentInputSchema),
        ),
        201,
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/outcomes/:outcomeId/agreement',
      access: 'records.write',
      summary: 'Turn an outcome into a draft agreement with the partners as parties',
      body: outcomeAgreementInputSchema,
      response: engagementOutputSchema,
    },
    async (c) =>
      c.json(
        await convertOutcomeToAgreement(
          c.var.scope,
          readIdParam(c),
          readIdParam(c, 'outcomeId'),
          await readBody(c, outcomeAgreementInputSchema),
        ),
        201,
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/outcomes/:outcomeId/program',
      access: 'records.write',
      summary: 'Turn an outcome into a planned program with the partners',
      body: outcomeProgramInputSchema,
      response: engagementOutputSchema,
    },
    async (c) =>
      c.json(
        await convertOutcomeToProgram(
          c.var.scope,
          readIdParam(c),
          readIdParam(c, 'outcomeId'),
          await readBody(c, outcomeProgramInputSchema),
        ),
        201,
      ),
  );
});
