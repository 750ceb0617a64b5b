/**
 * The local delivery journal of one chunk of a mailing: every Message-ID the relay accepted, appended as it
 * is accepted (one line each, a 0600 file in a 0700 directory). After a worker is killed between the SMTP
 * hand-off and the ledger write, the next attempt finds the row in `sending` and looks here before it would
 * send again (docs/bulk-notification.md). Off (`BREACH_DELIVERY_JOURNAL=off`): no file, nothing found.
 */
import fs from 'node:fs';
import path from 'node:path';

export class ChunkJournal {
  private accepted: Set<string> | undefined;
  private fd: number | undefined;

  constructor(private readonly file: string | undefined) {}

  /** Was this Message-ID accepted by the relay in an earlier attempt of the chunk? */
  has(messageId: string): boolean {
    if (!this.file) return false;
    this.accepted ??= new Set(fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8').split('\n').filter(Boolean) : []);
    return this.accepted.has(messageId);
  }

  append(messageId: string): void {
    if (!this.file) return;
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.fd = fs.openSync(this.file, 'a', 0o600);
    }
    fs.writeSync(this.fd, `${messageId}\n`);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /** Every row of the chunk is final in the ledger: the journal has done its job. */
  remove(): void {
    if (this.file) fs.rmSync(this.file, { force: true });
  }
}
