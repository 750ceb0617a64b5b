/**
 * A business associate's notice to the covered entity (164.410): sent by the engine, with the roster as an
 * encrypted attachment or with identities to follow. One at a time per incident (update-helper.ts): a
 * second click with a fresh request id while the first is being sent is refused, never a second email.
 */
import { SendCeNoticeRequest as CeNoticeSchema } from '../../contract/incident-requests.js';
import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import { sendCeNoticeUpdate } from '../../contract/incident-messages.js';
import type { CeNoticeRecord, SendCeNoticeRequest } from '../../contract/incident-types.js';
import { confirmObligationSignal } from '../../contract/obligation-messages.js';
import type { IncidentNoticeContentInput } from '../../notices/content.js';
import { CE_NOTICE_WORKFLOW_CLOCK_PATCH } from '../patches.js';
import { failureText, sendCoveredEntityNotice } from './activities.js';
import { nowIso, record, refuse, type IncidentContext } from './context.js';
import { markConfirmed, sendableObligation } from './obligations.js';
import { withSchema, defineEffect, type RequestCheck } from './update-helper.js';

const ceNoticeShape: RequestCheck<SendCeNoticeRequest> = (req) => {
  if (typeof req.to !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(req.to)) refuse("to: the covered entity's notice email address");
  if (typeof req.incident !== 'object' || req.incident === null)
    refuse('incident: the facts the covered entity needs (164.410(c)(2)) are required');
};

export function registerCeNotices(
  ctx: IncidentContext,
  check: RequestCheck<SendCeNoticeRequest> = withSchema(CeNoticeSchema, ceNoticeShape),
): void {
  const { s } = ctx;
  defineEffect(
    ctx,
    sendCeNoticeUpdate,
    async (req) => {
      const view = s.obligations.find((o) => o.obligation.id === req.obligationId)!;
      let sent;
      try {
        sent = await sendCoveredEntityNotice({
          incidentRef: s.ref,
          obligationId: req.obligationId,
          to: req.to,
          coveredEntity: { name: view.obligation.recipient, ...(req.contactName ? { contactName: req.contactName } : {}) },
          incident: { ...(req.incident as Partial<IncidentNoticeContentInput>), incidentRef: s.ref },
          ...(req.pendingInformation ? { pendingInformation: req.pendingInformation } : {}),
          ...(req.rosterId ? { rosterId: req.rosterId } : {}),
          ...(req.recipientPublicKey ? { recipientPublicKey: req.recipientPublicKey } : {}),
          ...(req.passphraseChannel ? { passphraseChannel: req.passphraseChannel } : {}),
          ...(req.identitiesExpectedBy ? { identitiesExpectedBy: req.identitiesExpectedBy } : {}),
        });
      } catch (err) {
        refuse(`the notice to ${view.obligation.recipient} was not sent: ${failureText(err)}`);
      }
      const notice: CeNoticeRecord = {
        obligationId: req.obligationId,
        messageId: sent.messageId,
        sentAt: sent.sentAt,
        by: req.by,
        to: req.to,
        ...(req.rosterId ? { rosterId: req.rosterId } : {}),
        ...(sent.attachment
          ? {
              attachment: {
                fileName: sent.attachment.fileName,
                sha256: sent.attachment.sha256,
                bytes: sent.attachment.bytes,
                rows: sent.attachment.rows,
                encryption: sent.attachment.encryption,
              },
            }
          : {}),
        ...(sent.toDevFolder ? { toDevFolder: true as const } : {}),
      };
      (s.ceNotices ??= []).push(notice);
      const a = notice.attachment;
      const how = notice.toDevFolder
        ? 'written to the development outbox folder only (no SMTP host set: it reached no one, the obligation is not confirmed by it)'
        : 'emailed';
      const roster = a
        ? `, roster of ${a.rows} individual(s) as the encrypted attachment ${a.fileName} (${a.encryption === 'openpgp_public_key' ? "OpenPGP, to the covered entity's public key" : 'OpenPGP, passphrase by another channel'}; sha256 ${a.sha256})`
        : '; identities to follow (the obligation stays open until they are sent)';
      // Issue 19: the timeline is on the workflow's clock (a drill's simulated one on the time-skipping server);
      // the sending activity's own clock — the real send time — stays in the notice record and is named in the
      // detail. Histories from before date the entry by the activity's clock, as recorded.
      const onWorkflowClock = patched(CE_NOTICE_WORKFLOW_CLOCK_PATCH);
      record(ctx, {
        at: onWorkflowClock ? nowIso() : notice.sentAt,
        by: req.by,
        action: 'ce_notice_sent',
        detail: onWorkflowClock
          ? `${view.obligation.label}: ${how} (message ${notice.messageId}; sent ${notice.sentAt} by the sending activity's clock, ` +
            `the real send time; this entry is dated on the incident's clock)${roster}`
          : `${view.obligation.label}: ${how} (message ${notice.messageId})${roster}`,
        requestId: req.requestId,
      });
      if (a && !notice.toDevFolder && view.status !== 'confirmed' && view.status !== 'withdrawn') {
        // 164.410(c)(1): the identification went with it — the notice is made.
        markConfirmed(view, req.by);
        record(ctx, {
          at: nowIso(),
          by: req.by,
          action: 'obligation_confirmed',
          detail: `${view.obligation.label}: secure_transfer ref ${notice.messageId}`,
        });
        await getExternalWorkflowHandle(view.childWorkflowId).signal(confirmObligationSignal, {
          by: req.by,
          evidence: {
            method: 'secure_transfer',
            sentAt: notice.sentAt,
            reference: notice.messageId,
            note: `encrypted roster ${a.fileName}, ${a.rows} individual(s), sha256 ${a.sha256}`,
          },
        });
      }
      return notice;
    },
    {
      check,
      validate: (req) => {
        sendableObligation(
          ctx,
          req.obligationId,
          'ce_notice',
          "only a business associate's notice to a covered entity (164.410) is sent this way",
        );
        if (req.rosterId !== undefined && !s.rosters?.some((r) => r.rosterId === req.rosterId))
          refuse(`rosterId: "${req.rosterId}" is not attached to this incident (import it first: breach roster import)`);
      },
    },
  );
}
