import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/**
 * The engine's Temporal Schedules, created idempotently at start: the daily digest at 08:00 in the
 * organization's time zone, and the HHS annual log on 2 January. An existing schedule is left as it is (an operator may have paused or edited it).
 */
export async function ensureSchedules(
  client: Client,
  opts: { taskQueue: string; timeZone: string; say: (l: string) => void },
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: 'breach-daily-digest',
      spec: { calendars: [{ hour: 8, minute: 0 }], timezone: opts.timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: 'dailyDigestWorkflow',
        taskQueue: opts.taskQueue,
        args: [{ withinDays: 7 }],
        workflowExecutionTimeout: '1 hour',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    opts.say('created schedule breach-daily-digest (08:00 daily)');
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) opts.say(`could not create the daily-digest schedule: ${(err as Error).message}`);
  }
  try {
    // 164.408(c): after 31 December, assemble last year's under-500 breaches (due by 1 March / 29 February).
    await client.schedule.create({
      scheduleId: 'breach-hhs-annual-log',
      spec: { calendars: [{ month: 'JANUARY', dayOfMonth: 2, hour: 9, minute: 0 }], timezone: opts.timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: 'hhsAnnualLogWorkflow',
        taskQueue: opts.taskQueue,
        args: [{}],
        workflowExecutionTimeout: '1 day',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
    });
    opts.say('created schedule breach-hhs-annual-log (2 January, 09:00)');
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) opts.say(`could not create the HHS annual-log schedule: ${(err as Error).message}`);
  }
}
