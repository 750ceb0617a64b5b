/**
 * The incident workflow's own Temporal event history, summarised for the legal report: what the server
 * recorded, event by event (updates accepted, signals, child workflows, activities, timers), with ids and
 * names only. Payloads are not decoded here, so nothing personal is printed from it; the report's other
 * sections come from the workflow's state.
 */
import proto from '@temporalio/proto';
import type { Client } from '@temporalio/client';

const { temporal } = proto;
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

export interface HistoryEventRow {
  id: number;
  at: string;
  type: string;
  name?: string;
  detail?: string;
}

export interface HistorySummary {
  workflowId: string;
  runId?: string;
  events: number;
  firstAt?: string;
  lastAt?: string;
  /** Event counts by type (e.g. ACTIVITY_TASK_COMPLETED: 12). */
  byType: Record<string, number>;
  /** The events a reader cares about, oldest first (at most `limit`). */
  notable: HistoryEventRow[];
  omitted: number;
}

const time = (t: HistoryEvent['eventTime']) =>
  t?.seconds != null ? new Date(Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString() : '';
const typeName = (e: HistoryEvent) =>
  (temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');

function notable(e: HistoryEvent): Omit<HistoryEventRow, 'id' | 'at' | 'type'> | undefined {
  const E = temporal.api.enums.v1.EventType;
  switch (e.eventType) {
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
      return {
        name: e.workflowExecutionStartedEventAttributes?.workflowType?.name ?? undefined,
        detail: e.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ? 'continued from a previous run' : 'opened',
      };
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      return { name: a?.input?.name ?? undefined, detail: `update ${a?.meta?.updateId ?? ''}`.trim() };
    }
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
      return {
        detail: `update ${e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? ''} ${e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure ? 'failed' : 'completed'}`,
      };
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
      return { name: e.workflowExecutionSignaledEventAttributes?.signalName ?? undefined };
    case E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
      return {
        name: e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name ?? undefined,
        detail: e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? undefined,
      };
    case E.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
      return {
        name: e.signalExternalWorkflowExecutionInitiatedEventAttributes?.signalName ?? undefined,
        detail: `to ${e.signalExternalWorkflowExecutionInitiatedEventAttributes?.workflowExecution?.workflowId ?? ''}`,
      };
    case E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
      return { name: e.activityTaskScheduledEventAttributes?.activityType?.name ?? undefined };
    case E.EVENT_TYPE_ACTIVITY_TASK_FAILED:
    case E.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
      return {
        detail: `activity of event ${String(e.activityTaskFailedEventAttributes?.scheduledEventId ?? e.activityTaskTimedOutEventAttributes?.scheduledEventId ?? '')}`,
      };
    case E.EVENT_TYPE_TIMER_STARTED: {
      const d = e.timerStartedEventAttributes?.startToFireTimeout;
      return { detail: d?.seconds != null ? `${Math.round(Number(d.seconds) / 3600)} h` : undefined };
    }
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
    case E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
      return {};
    default:
      return undefined;
  }
}

export async function summarizeHistory(client: Client, workflowId: string, limit = 1000): Promise<HistorySummary> {
  const handle = client.workflow.getHandle(workflowId);
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const byType: Record<string, number> = {};
  const rows: HistoryEventRow[] = [];
  let omitted = 0;
  for (const e of events) {
    const type = typeName(e);
    byType[type] = (byType[type] ?? 0) + 1;
    const n = notable(e);
    if (!n) continue;
    if (rows.length >= limit) {
      omitted++;
      continue;
    }
    rows.push({
      id: Number(e.eventId ?? 0),
      at: time(e.eventTime),
      type,
      ...(n.name ? { name: n.name } : {}),
      ...(n.detail ? { detail: n.detail } : {}),
    });
  }
  const runId = (await handle.describe().catch(() => undefined))?.runId;
  return {
    workflowId,
    ...(runId ? { runId } : {}),
    events: events.length,
    ...(events[0] ? { firstAt: time(events[0].eventTime) } : {}),
    ...(events.at(-1) ? { lastAt: time(events.at(-1)!.eventTime) } : {}),
    byType,
    notable: rows,
    omitted,
  };
}
