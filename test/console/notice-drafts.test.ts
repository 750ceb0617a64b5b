import { describe, expect, it } from 'vitest';
import { draftChoices, draftContent } from '../../console/ui/notice-drafts.js';
import { EMPTY_NOTICE_TEXT } from '../../console/ui/notice-text.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

const obligation = (id: string, kind: string, status = 'open', jurisdiction?: string) =>
  ({ obligation: { id, kind, ...(jurisdiction ? { jurisdiction } : {}) }, status }) as unknown as IncidentSnapshot['obligations'][number];

describe('console notice drafts', () => {
  it('offers a draft for each notice a person submits outside the engine, from the plan', () => {
    const s = {
      obligations: [
        obligation('individual_notice', 'individual_notice'),
        obligation('hhs_notice', 'hhs_notice'),
        obligation('media_notice:CA', 'media_notice', 'open', 'CA'),
        obligation('media_notice:NV', 'media_notice', 'withdrawn', 'NV'),
        obligation('substitute_notice', 'substitute_notice', 'confirmed'),
      ],
    };
    expect(draftChoices(s).map((c) => [c.value, c.kind, c.state])).toEqual([
      ['hhs_portal', 'hhs_portal', undefined],
      ['media:CA', 'media', 'CA'],
      ['substitute', 'substitute', undefined],
    ]);
  });

  it('a small breach drafts the portal entry of the annual log; a BA-only plan has nothing to draft', () => {
    expect(draftChoices({ obligations: [obligation('hhs_annual_log', 'hhs_annual_log')] }).map((c) => c.kind)).toEqual(['hhs_portal']);
    expect(draftChoices({ obligations: [obligation('ce_notice', 'ce_notice')] })).toEqual([]);
  });

  it('puts the portal fields, media outlets and caller verification in the sections the server reads', () => {
    const text = { ...EMPTY_NOTICE_TEXT, whatHappened: ' A mailbox was opened. ', phiTypes: 'your name\n\n your date of birth ' };
    const extra = {
      breachTypes: ['theft'],
      locations: ['laptop'],
      safeguards: 'Encryption (not applied)\n',
      attestName: 'Pat',
      attestTitle: 'Privacy Officer',
      attestDate: '2026-12-02',
      outlets: 'Daily Synthetic\nSynthetic Radio',
      releaseDate: '',
      callerVerification: 'Date of birth and ZIP code',
    };
    const hhs = draftContent('hhs_portal', text, extra);
    expect(hhs).toMatchObject({
      whatHappened: 'A mailbox was opened.',
      phiTypes: ['your name', 'your date of birth'],
      hhs: {
        breachTypes: ['theft'],
        locations: ['laptop'],
        safeguardsInPlace: ['Encryption (not applied)'],
        attestation: { name: 'Pat', title: 'Privacy Officer', date: '2026-12-02' },
      },
    });
    // No attestation typed: none is sent (the server then names it as missing), rather than an empty one.
    expect(draftContent('hhs_portal', text, { ...extra, attestName: '', attestTitle: '' }).hhs).not.toHaveProperty('attestation');
    expect(draftContent('media', text, extra).media).toEqual({ outlets: ['Daily Synthetic', 'Synthetic Radio'] });
    expect(draftContent('substitute', text, extra).substitute).toEqual({ callerVerification: 'Date of birth and ZIP code' });
  });
});
