import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/**
 * The engine's Temporal Schedules, created idempotently at start: the daily digest at 08:00 in the
 * organization's time zone. An existing schedule is left as it is (an operator may have paused or edited it).
 */
export async function ensureSchedules(client: Client, opts: { taskQueue: string; timeZone: string; say: (l: string) => void }): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: 'breach-daily-digest',
      spec: { calendars: [{ hour: 8, minute: 0 }], timezone: opts.timeZone },
      action: { type: 'startWorkflow', workflowType: 'dailyDigestWorkflow', taskQueue: opts.taskQueue, args: [{ withinDays: 7 }], workflowExecutionTimeout: '1 hour' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    opts.say('created schedule breach-daily-digest (08:00 daily)');
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return;
    opts.say(`could not create the daily-digest schedule: ${(err as Error).message}`);
  }
}
