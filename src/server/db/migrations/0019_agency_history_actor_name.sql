ALTER TABLE "agency_history" ADD COLUMN "actor_name" text;--> statement-breakpoint
-- Hand-written: rows from before the name was kept get the name their actor has now, the nearest there is.
UPDATE "agency_history" h SET "actor_name" = p."full_name" FROM "people" p WHERE p."id" = h."actor_id";
