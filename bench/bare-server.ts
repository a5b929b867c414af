// The ceilings of the HTTP benchmarks: a bare Fastify route doing one PostgreSQL primary-key select,
// with the same pool size as the real server (/bare), and one doing nothing (/bare-empty). env: DATABASE_URL, PORT, PERSON_ID.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const app = Fastify({ logger: false });
const id = process.env.PERSON_ID!;
app.get(
  '/bare',
  async () => (await pool.query('SELECT id, username, full_name FROM people WHERE id = $1', [id])).rows[0],
);
// The same framework with nothing to do: what any route of the real app is measured against too.
app.get('/bare-empty', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log(`http://127.0.0.1:${process.env.PORT}`);
