import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  calendarQuerySchema,
  engagementInputSchema,
  engagementListQuerySchema,
  engagementOperations as op,
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
  route(op.list, async (c) =>
    c.json(await listEngagements(c.var.scope, readQuery(c, engagementListQuerySchema))),
  );
  route(op.create, async (c) =>
    c.json(await recordEngagement(c.var.scope, await readBody(c, engagementInputSchema)), 201),
  );
  route(op.calendar, async (c) =>
    c.json(await showEngagementCalendar(c.var.scope, readQuery(c, calendarQuerySchema))),
  );
  route(op.get, async (c) => c.json(await getEngagement(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(
      await updateEngagement(c.var.scope, readIdParam(c), await readBody(c, updateEngagementInputSchema)),
    ),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, versionInputSchema);
    await deleteEngagement(c.var.scope, readIdParam(c), version);
    return c.body(null, 204);
  });
  route(op.outcomeToCommitment, async (c) =>
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
  route(op.outcomeToAgreement, async (c) =>
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
  route(op.outcomeToProgram, async (c) =>
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
