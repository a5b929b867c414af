import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/db/client.ts';
import { type Client, signIn } from './app.ts';
import { makeAgencyWithStaff } from './factories.ts';

export interface Office {
  s: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  clerk: Client;
  officer: Client;
  head: Client;
  leader: Client;
}

/** A fresh agency with one signed-in person of each document role. */
export async function makeOffice(app: FastifyInstance, db: Db): Promise<Office> {
  const s = await makeAgencyWithStaff(db);
  return {
    s,
    clerk: await signIn(app, s.clerk.username),
    officer: await signIn(app, s.officer.username),
    head: await signIn(app, s.head.username),
    leader: await signIn(app, s.leader.username),
  };
}
