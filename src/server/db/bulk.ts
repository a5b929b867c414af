import { type Column, getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * An INSERT of many rows as a single parameter, for a hot path that puts several writes into one
 * statement (a release: the document, its deliveries, the recipients' copies, their files and
 * events, the audit row): the rows travel as one JSON array and `jsonb_populate_recordset` types
 * each value by the table's own row type. `values` are Drizzle insert values (property names);
 * a column's `$defaultFn` (UUID v7 ids) fills what a row leaves out, and a column no row names is
 * left to its database default. Elsewhere a Drizzle multi-row insert does the same job.
 */
export function insertRowsSql<T extends PgTable>(
  table: T,
  values: T['$inferInsert'][],
  opts: {
    /** A WITH item joined to every row: no row from it, nothing inserted (e.g. the number taken). */
    from?: SQL;
    /** Columns (by property name) given by an SQL expression, the same for each row; `r` is the row. */
    computed?: Partial<Record<keyof T['$inferInsert'], SQL>>;
  } = {},
): SQL {
  const columns = Object.values(getTableColumns(table)) as Column[];
  const keys = Object.keys(getTableColumns(table));
  const used = new Set<string>();
  const rows = values.map((v) => {
    const out: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      const col = columns[i]!;
      let value = (v as Record<string, unknown>)[key];
      if (value === undefined && col.defaultFn) value = col.defaultFn();
      if (value === undefined) return;
      if (is(value, SQL)) throw new Error(`insertRowsSql: ${col.name} must be a value, not SQL`);
      out[col.name] = value instanceof Date ? value.toISOString() : value;
      used.add(col.name);
    });
    return out;
  });
  const computed = new Map<string, SQL>();
  keys.forEach((key, i) => {
    const expr = (opts.computed as Record<string, SQL> | undefined)?.[key];
    if (expr) computed.set(columns[i]!.name, expr);
  });
  const names = [...new Set([...used, ...computed.keys()])];
  const list = sql.join(
    names.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const select = sql.join(
    names.map((c) => computed.get(c) ?? sql`r.${sql.identifier(c)}`),
    sql`, `,
  );
  return sql`INSERT INTO ${table} (${list}) SELECT ${select}
    FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(rows)}::jsonb) r ${opts.from ? sql`CROSS JOIN ${opts.from}` : sql``}`;
}
