-- Hand-written (drizzle-kit keeps no storage parameters): autovacuum for the tables that reach
-- millions of rows in a province (deploy/postgresql/lienthong.conf leaves the global defaults alone).
-- The defaults wait for 20 % of a table to change: 2 M dead rows in a 10 M-row documents table before
-- a vacuum, and 2 M new rows before the planner's statistics learn this month's documents exist
-- (the lists read the newest rows, beyond the histogram's last bucket). Rows are counted, not bytes,
-- so the thresholds below are a fraction of a percent at 10 M rows and still sane at 10 thousand.
-- Measured with bench/scale.ts (bench/README.md, suite `scale`).

-- Documents change status (registered → assigned → done…): vacuum after 1 % dead, analyze after
-- 0.5 % changed, and after 1 % inserted so the visibility map and freezing keep up with new rows.
ALTER TABLE "documents" SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.005,
  autovacuum_analyze_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_vacuum_insert_threshold = 1000
);
--> statement-breakpoint
-- Assignments are opened and closed (the "to handle" list reads the open ones): same as documents.
ALTER TABLE "document_assignments" SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.005,
  autovacuum_analyze_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_vacuum_insert_threshold = 1000
);
--> statement-breakpoint
-- Readers are only inserted; the access check reads them by (document, person) through the index,
-- which skips the heap only on pages the visibility map marks all-visible: vacuum after 1 % inserted.
ALTER TABLE "document_readers" SET (
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.01
);
--> statement-breakpoint
-- The job queue keeps its finished rows and updates each job two or three times (queued → running →
-- done): the partial index of queued jobs fills with dead entries the claim query must step over.
ALTER TABLE "jobs" SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_threshold = 500,
  autovacuum_analyze_scale_factor = 0.02
);
--> statement-breakpoint
-- The audit log is append-only (0002): insert-driven vacuum only, so freezing happens in small steps
-- instead of one anti-wraparound pass over the whole table.
ALTER TABLE "audit_log" SET (
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_vacuum_insert_threshold = 10000
);
