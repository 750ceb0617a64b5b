import { describe, expect, it } from 'vitest';
import { ceNoticeBody } from '../../console/ui/ce-notice.js';
import { EMPTY_NOTICE_TEXT } from '../../console/ui/notice-text.js';

const form = {
  to: ' privacy@lakeside.example ',
  contactName: '',
  rosterId: '',
  publicKey: '',
  passphraseChannel: '',
  expectedBy: '',
  pending: '',
};

describe('console: the notice to the covered entity (164.410)', () => {
  it('with a roster: the public key wins; otherwise the passphrase channel; never both', () => {
    const withKey = ceNoticeBody(
      { ...form, rosterId: 'ros_1', publicKey: ' -----BEGIN PGP PUBLIC KEY BLOCK----- ', passphraseChannel: 'by telephone' },
      EMPTY_NOTICE_TEXT,
    );
    expect(withKey).toMatchObject({
      to: 'privacy@lakeside.example',
      rosterId: 'ros_1',
      recipientPublicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----',
    });
    expect(withKey).not.toHaveProperty('passphraseChannel');
    const withPassphrase = ceNoticeBody(
      { ...form, rosterId: 'ros_1', passphraseChannel: ' by telephone ', expectedBy: '2030-01-01' },
      EMPTY_NOTICE_TEXT,
    );
    expect(withPassphrase).toMatchObject({ rosterId: 'ros_1', passphraseChannel: 'by telephone' });
    expect(withPassphrase).not.toHaveProperty('identitiesExpectedBy');
  });

  it('without a roster: identities follow (by the date given), and pending information is listed', () => {
    const body = ceNoticeBody(
      { ...form, expectedBy: '2030-01-15', publicKey: 'ignored', pending: 'number of individuals\n\n final scope ' },
      { ...EMPTY_NOTICE_TEXT, whatHappened: 'x' },
    );
    expect(body).toMatchObject({
      identitiesExpectedBy: '2030-01-15',
      pendingInformation: ['number of individuals', 'final scope'],
      incident: { whatHappened: 'x' },
    });
    expect(body).not.toHaveProperty('rosterId');
    expect(body).not.toHaveProperty('recipientPublicKey');
  });
});
