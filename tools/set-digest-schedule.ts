import { z } from 'zod';
import { applyScheduleChange, describeSchedule } from '../core/digest/schedule.ts';
import { NotFoundError } from '../core/errors.ts';
import { confirmation } from './confirmation-text.ts';
import { defineTool } from './tool.ts';

const inputSchema = z.object({
  enabled: z.boolean().optional().describe('false pauses the digest; true resumes it.'),
  cadence: z.enum(['daily', 'weekly']).optional().describe('daily: covers the days since the previous digest; weekly: the last seven days.'),
  days: z
    .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
    .min(1)
    .max(7)
    .optional()
    .describe('Days it goes out.'),
  time: z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { message: 'expected a time of day as HH:MM (24-hour), e.g. 08:30' })
    .optional()
    .describe("Local time in the manager's time zone, HH:MM 24-hour."),
});

export const setDigestSchedule = defineTool({
  name: 'setDigestSchedule',
  description:
    "Change when the manager's team digest is sent (Slack DM / Teams message), or pause/resume it. Give only what changes: " +
    'e.g. "Mondays at 9" → { cadence: "weekly", days: ["mon"], time: "09:00" }; "pause my digest" → { enabled: false }. ' +
    "Times are in the manager's own time zone.",
  inputSchema,
  permission: 'digest:manage',
  statusText: 'Updating your digest schedule…',
  redactInAudit: [],
  capability: 'change or pause the manager’s team digest schedule',
  // A paused or moved digest is a write a lead's text could ask the model for: the manager says yes first.
  async confirm(input, ctx) {
    const manager = await ctx.services.digests.managerById(ctx.actor.id);
    if (!manager) throw new NotFoundError('Your SalesOS user could not be found.');
    const next = applyScheduleChange(manager.schedule, input);
    if (!next.enabled) return confirmation`Pause your team digest (now: ${describeSchedule(manager.schedule)})`;
    return confirmation`Change your team digest to: ${describeSchedule(next)} (${manager.timeZone})`;
  },
  async execute(input, ctx) {
    const digests = ctx.services.digests;
    const manager = await digests.managerById(ctx.actor.id);
    if (!manager) throw new NotFoundError('Your SalesOS user could not be found.');
    const next = applyScheduleChange(manager.schedule, input);
    await digests.savePreference(manager.id, next);
    const when = `${describeSchedule(next)} (${manager.timeZone})`;
    const noTeam = manager.team ? '' : ' You do not manage a team yet, so there is nothing to send until you do.';
    const summary = next.enabled
      ? `Your ${when}. The change applies from the next digest.${noTeam}`
      : `Your digest is paused (it was a ${when}). Say "resume my digest" to turn it back on.`;
    return { summary, data: { enabled: next.enabled, cadence: next.cadence, cron: next.cron, timeZone: manager.timeZone } };
  },
});
