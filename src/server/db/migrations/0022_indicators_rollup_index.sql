-- Hand-written (drizzle's index builder has no INCLUDE): a covering index for roll-ups and dashboards.
-- A roll-up reads one indicator's values (option '' or one option) for a range of periods over every
-- agency of a subtree. Through the primary key (indicator_id, period, agency_id, option_code) each of
-- those rows is a heap page of its own, because values are stored as forms are saved (an agency's
-- month together): 3,600 pages for a province roll-up of 12 months with last year, 11.5 ms of database
-- CPU at 10.8 M values. With agency_id and both values in the index it is an index-only scan of about
-- 40 pages: 2.6 ms (bench/README.md, indicators). Not in schema.ts: drizzle-kit would not keep INCLUDE.
CREATE INDEX IF NOT EXISTS "indicator_values_rollup_idx" ON "indicator_values" USING btree ("indicator_id","option_code","period") INCLUDE ("agency_id","estimate","official");
