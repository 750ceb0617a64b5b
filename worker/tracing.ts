/**
 * OpenTelemetry tracing through the SDK's interceptors (@temporalio/interceptors-opentelemetry), issue 17
 * §3. Off by default; on when BREACH_OTEL_TRACES_ENDPOINT (OTLP over HTTP) or BREACH_OTEL_TRACES_FILE (JSON
 * lines, one span each: tests, a quick look) is set.
 *
 * What leaves the process (docs/deployment.md, "Tracing"): span names — the operation and the workflow,
 * activity, signal, update or query *type* (`RunWorkflow:incidentWorkflow`, `RunActivity:sendNotices`) —
 * timings, trace/span ids, the status code, and the attributes allowed below. The interceptors also record
 * the workflow id (our ids carry the incident reference), activity and update ids, terminate reasons,
 * error messages with stack traces, and — for workflow spans — the whole WorkflowInfo (memo, search
 * attributes, last failure) as attributes; `RedactingSpanProcessor` drops all of that before any exporter
 * sees it. Decision: a trace backend is often a third party's, so not even the opaque incident reference
 * goes there; the run id (a random UUID) is kept so that an operator can find the execution in Temporal.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as otel from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { Context, Span } from '@opentelemetry/api';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { setting } from '../config/index.js';

/** Span attributes that may leave the process: nothing that names an incident, a person or a payload. */
export const ALLOWED_SPAN_ATTRIBUTES: ReadonlySet<string> = new Set(['run_id', 'workflowType', 'taskQueue', 'namespace', 'attempt']);

/** A copy of the span with only allowed attributes, no status message, and exception events reduced to their type. */
export function redactSpan(span: ReadableSpan): ReadableSpan {
  const keep = (attrs: otel.Attributes | undefined, allowed: (k: string) => boolean): otel.Attributes =>
    Object.fromEntries(Object.entries(attrs ?? {}).filter(([k]) => allowed(k)));
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes: keep(span.attributes, (k) => ALLOWED_SPAN_ATTRIBUTES.has(k)),
    links: span.links.map((l) => ({ context: l.context })),
    events: span.events.map((e) => ({ name: e.name, time: e.time, attributes: keep(e.attributes, (k) => k === 'exception.type') })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationLibrary: span.instrumentationLibrary,
    droppedAttributesCount: 0,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Every span, worker-side and from the workflow sandbox (through the exporter sink), is redacted here. */
export class RedactingSpanProcessor implements SpanProcessor {
  constructor(private readonly inner: SpanProcessor) {}
  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span as never, parentContext);
  }
  onEnd(span: ReadableSpan): void {
    this.inner.onEnd(redactSpan(span));
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** JSON lines, one span each (name, ids, parent, timing, status, attributes, events). */
export class FileSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}
  export(spans: ReadableSpan[], done: (r: ExportResult) => void): void {
    try {
      const lines = spans.map((s) =>
        JSON.stringify({
          name: s.name,
          traceId: s.spanContext().traceId,
          spanId: s.spanContext().spanId,
          parentSpanId: s.parentSpanId,
          service: s.resource.attributes['service.name'],
          startTime: s.startTime,
          endTime: s.endTime,
          status: s.status,
          attributes: s.attributes,
          events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })),
        }),
      );
      if (lines.length > 0) fs.appendFileSync(this.file, `${lines.join('\n')}\n`, { mode: 0o600 });
      done({ code: ExportResultCode.SUCCESS });
    } catch (err) {
      done({ code: ExportResultCode.FAILED, error: err as Error });
    }
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The interceptors' workflow module: bundled into the workflow code when tracing is on. */
export const TRACING_WORKFLOW_INTERCEPTORS = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

export interface EngineTracing {
  /** The plugin for the worker and the client (interceptors + the workflow span sink). */
  plugin: OpenTelemetryPlugin;
  /** Where spans go, for the start-up lines. */
  description: string;
  /** Flushes and stops the exporter. */
  shutdown(): Promise<void>;
}

let installed: EngineTracing | undefined;

/** Tracing as the BREACH_OTEL_* settings say, or undefined (off). Once per process. */
export function tracingFromSettings(serviceName: string): EngineTracing | undefined {
  if (installed) return installed;
  const endpoint = setting('BREACH_OTEL_TRACES_ENDPOINT');
  const file = setting('BREACH_OTEL_TRACES_FILE');
  if (!endpoint && !file) return undefined;
  const resource = new Resource({ 'service.name': serviceName });
  const exporter: SpanExporter = endpoint ? new OTLPTraceExporter({ url: endpoint }) : new FileSpanExporter(file!);
  const spanProcessor = new RedactingSpanProcessor(endpoint ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // W3C trace context between client, workflow and activity; async context within the process.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  installed = {
    plugin: new OpenTelemetryPlugin({ resource, spanProcessor, tracer: provider.getTracer('breach-engine') }),
    description: endpoint ? `OTLP ${endpoint}` : `file ${file}`,
    shutdown: () => provider.shutdown(),
  };
  return installed;
}
