CREATE TABLE "archive_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"transfer_id" uuid,
	"package_sha256" text NOT NULL,
	"file_code" text NOT NULL,
	"title" text NOT NULL,
	"retention_years" integer,
	"end_date" date,
	"metadata" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"imported_by_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'building' NOT NULL,
	"dossier_count" integer NOT NULL,
	"files_total" integer DEFAULT 0 NOT NULL,
	"files_done" integer DEFAULT 0 NOT NULL,
	"package_sha256" text,
	"package_size" bigint,
	"error" text,
	"created_by_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"handover" jsonb,
	"received_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"kind" text NOT NULL,
	"document_id" uuid,
	"title" text,
	"sha256" text,
	"file_name" text,
	"media_type" text,
	"size" bigint,
	"page_count" integer,
	"item_date" date,
	"added_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_plan_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"notation" text,
	"retention_years" integer,
	"responsible" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "dossier_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"decision" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_tombstones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"file_code" text NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"reason" text NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"decided_by_name" text NOT NULL,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"plan_entry_id" uuid,
	"organ_id" text NOT NULL,
	"year" integer NOT NULL,
	"notation" text NOT NULL,
	"file_code" text NOT NULL,
	"title" text NOT NULL,
	"retention_years" integer,
	"rights" text DEFAULT 'Hạn chế' NOT NULL,
	"language" text DEFAULT 'Tiếng Việt' NOT NULL,
	"creator_id" uuid NOT NULL,
	"creator_name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"doc_total" integer,
	"page_total" integer,
	"description" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"transfer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_imported_by_id_people_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_transfers" ADD CONSTRAINT "archive_transfers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_transfers" ADD CONSTRAINT "archive_transfers_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_items" ADD CONSTRAINT "dossier_items_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_items" ADD CONSTRAINT "dossier_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_items" ADD CONSTRAINT "dossier_items_added_by_id_people_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_plan_entries" ADD CONSTRAINT "dossier_plan_entries_plan_id_dossier_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."dossier_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_plans" ADD CONSTRAINT "dossier_plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_plans" ADD CONSTRAINT "dossier_plans_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_tombstones" ADD CONSTRAINT "dossier_tombstones_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_tombstones" ADD CONSTRAINT "dossier_tombstones_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_tombstones" ADD CONSTRAINT "dossier_tombstones_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_plan_entry_id_dossier_plan_entries_id_fk" FOREIGN KEY ("plan_entry_id") REFERENCES "public"."dossier_plan_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_creator_id_people_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "archive_records_code_uq" ON "archive_records" USING btree ("agency_id","file_code","package_sha256");--> statement-breakpoint
CREATE INDEX "archive_records_agency_idx" ON "archive_records" USING btree ("agency_id","imported_at","id");--> statement-breakpoint
CREATE INDEX "archive_transfers_agency_idx" ON "archive_transfers" USING btree ("agency_id","created_at","id");--> statement-breakpoint
CREATE INDEX "dossier_items_dossier_idx" ON "dossier_items" USING btree ("dossier_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_items_doc_uq" ON "dossier_items" USING btree ("dossier_id","document_id") WHERE document_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossier_items_document_idx" ON "dossier_items" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "dossier_plan_entries_plan_idx" ON "dossier_plan_entries" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_plans_agency_year_uq" ON "dossier_plans" USING btree ("agency_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_tombstones_dossier_uq" ON "dossier_tombstones" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_file_code_uq" ON "dossiers" USING btree ("agency_id","file_code");--> statement-breakpoint
CREATE INDEX "dossiers_agency_list_idx" ON "dossiers" USING btree ("agency_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "dossiers_creator_idx" ON "dossiers" USING btree ("creator_id","created_at");