import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { enqueue } from '../../platform/jobs/index.ts';
import { imapClient, type MailAccount } from './accounts.ts';
import { pollJob } from './incoming.ts';
import { mailAccounts } from './schema.ts';

interface Watch {
  client: ImapFlow | null;
  updatedAt: number;
  retry: NodeJS.Timeout | null;
}

/**
 * Keeps one IMAP connection per enabled mailbox open in IDLE (where the server offers it; ImapFlow
 * falls back to NOOP otherwise) and queues a poll as soon as the server announces new mail. The
 * five-minute schedule still polls, so a lost connection only delays mail.
 */
export class MailWatcher {
  private readonly watches = new Map<string, Watch>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly opts: {
      refreshMs?: number;
      reconnectMs?: number;
      log?: { warn: (o: object, m?: string) => void };
    } = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.refresh();
  }

  /** Opens watches for new or changed accounts, closes those of removed or disabled ones. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    try {
      const list = await this.db.select().from(mailAccounts).where(eq(mailAccounts.pollEnabled, true));
      const seen = new Set<string>();
      for (const a of list) {
        seen.add(a.id);
        const w = this.watches.get(a.id);
        if (w && w.updatedAt === a.updatedAt.getTime()) continue;
        if (w) this.close(a.id);
        this.open(a);
      }
      for (const id of [...this.watches.keys()]) if (!seen.has(id)) this.close(id);
    } catch (err) {
      this.opts.log?.warn({ err }, 'mail watcher refresh failed');
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.refresh(), this.opts.refreshMs ?? 60_000);
  }

  private open(a: MailAccount) {
    const w: Watch = { client: null, updatedAt: a.updatedAt.getTime(), retry: null };
    this.watches.set(a.id, w);
    const connect = async () => {
      if (this.stopped || this.watches.get(a.id) !== w) return;
      const client = imapClient(this.config, a);
      w.client = client;
      const again = () => {
        if (w.client !== client || this.stopped) return;
        w.client = null;
        w.retry = setTimeout(() => void connect(), this.opts.reconnectMs ?? 30_000);
      };
      client.on('error', (err) =>
        this.opts.log?.warn({ err: String(err), account: a.id }, 'mail watcher error'),
      );
      client.on('close', again);
      client.on('exists', () => {
        const second = new Date().toISOString().slice(0, 19);
        void enqueue(
          this.db,
          pollJob,
          { accountId: a.id },
          { dedupeKey: `mail.poll:${a.id}:idle:${second}`, maxAttempts: 1 },
        ).catch(() => {});
      });
      try {
        await client.connect();
        await client.mailboxOpen(a.mailbox, { readOnly: true });
        // Whatever arrived while no connection was open.
        await enqueue(
          this.db,
          pollJob,
          { accountId: a.id },
          { dedupeKey: `mail.poll:${a.id}:open:${Date.now()}`, maxAttempts: 1 },
        );
        // IDLE until the connection ends; each new message breaks in with EXISTS.
        while (client.usable && w.client === client && !this.stopped) await client.idle();
      } catch {
        client.close();
        again();
      }
    };
    void connect();
  }

  private close(id: string) {
    const w = this.watches.get(id);
    if (!w) return;
    this.watches.delete(id);
    if (w.retry) clearTimeout(w.retry);
    const c = w.client;
    w.client = null;
    c?.close();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const id of [...this.watches.keys()]) this.close(id);
  }
}
