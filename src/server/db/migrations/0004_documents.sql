CREATE TABLE "document_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"role" text NOT NULL,
	"division_id" uuid,
	"person_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"assigned_by_id" uuid,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"recipient_agency_id" uuid,
	"recipient_name" text NOT NULL,
	"recipient_email" text,
	"status" text NOT NULL,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	"incoming_document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"kind" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"role" text DEFAULT 'main' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_readers" (
	"document_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "document_readers_document_id_person_id_pk" PRIMARY KEY("document_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"type_code" text NOT NULL,
	"summary" text NOT NULL,
	"number_notation" text,
	"number" integer,
	"notation" text,
	"issued_date" date,
	"issuer_agency_id" uuid,
	"issuer_name" text,
	"issuer_code" text,
	"signer_name" text,
	"signer_title" text,
	"secrecy" text DEFAULT 'normal' NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"page_count" integer,
	"copies" integer,
	"due_date" date,
	"source" text DEFAULT 'paper' NOT NULL,
	"register_id" uuid,
	"register_year" integer,
	"arrival_number" integer,
	"arrived_at" timestamp with time zone,
	"source_document_id" uuid,
	"delivery_id" uuid,
	"reply_to_id" uuid,
	"drafter_id" uuid,
	"drafting_division_id" uuid,
	"holder_id" uuid,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"direction_note" text,
	"signed_by_id" uuid,
	"signed_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"refusal_reason" text,
	"file_text" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(lt_norm(type_code || ' ' || coalesce(number_notation, '') || ' ' || summary || ' ' || coalesce(issuer_name, '') || ' ' || coalesce(left(file_text, 200000), '')), '[^a-z0-9]+', ' ', 'g'))) STORED,
	"number_norm" text GENERATED ALWAYS AS (lt_norm(coalesce(number_notation, ''))) STORED,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_counters" (
	"register_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "register_counters_register_id_year_pk" PRIMARY KEY("register_id","year")
);
--> statement-breakpoint
CREATE TABLE "registers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_assignments" ADD CONSTRAINT "document_assignments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_assignments" ADD CONSTRAINT "document_assignments_division_id_agencies_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_assignments" ADD CONSTRAINT "document_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_assignments" ADD CONSTRAINT "document_assignments_assigned_by_id_people_id_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_recipient_agency_id_agencies_id_fk" FOREIGN KEY ("recipient_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_events" ADD CONSTRAINT "document_events_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_uploaded_by_id_people_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_readers" ADD CONSTRAINT "document_readers_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_readers" ADD CONSTRAINT "document_readers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_issuer_agency_id_agencies_id_fk" FOREIGN KEY ("issuer_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_drafter_id_people_id_fk" FOREIGN KEY ("drafter_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_drafting_division_id_agencies_id_fk" FOREIGN KEY ("drafting_division_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_holder_id_people_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_signed_by_id_people_id_fk" FOREIGN KEY ("signed_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_counters" ADD CONSTRAINT "register_counters_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registers" ADD CONSTRAINT "registers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_person_idx" ON "document_assignments" USING btree ("person_id","status","created_at");--> statement-breakpoint
CREATE INDEX "assignments_division_idx" ON "document_assignments" USING btree ("division_id","status","created_at");--> statement-breakpoint
CREATE INDEX "assignments_doc_idx" ON "document_assignments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "deliveries_doc_idx" ON "deliveries" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "deliveries_recipient_idx" ON "deliveries" USING btree ("recipient_agency_id","status");--> statement-breakpoint
CREATE INDEX "document_events_doc_idx" ON "document_events" USING btree ("document_id","at");--> statement-breakpoint
CREATE INDEX "document_files_doc_idx" ON "document_files" USING btree ("document_id","created_at");--> statement-breakpoint
CREATE INDEX "document_readers_person_idx" ON "document_readers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "documents_agency_list_idx" ON "documents" USING btree ("agency_id","direction","created_at","id");--> statement-breakpoint
CREATE INDEX "documents_agency_status_idx" ON "documents" USING btree ("agency_id","direction","status","created_at","id");--> statement-breakpoint
CREATE INDEX "documents_holder_idx" ON "documents" USING btree ("holder_id","created_at") WHERE holder_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_number_trgm_idx" ON "documents" USING gin (number_norm gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_dup_idx" ON "documents" USING btree ("agency_id","number_notation","issued_date");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_arrival_uq" ON "documents" USING btree ("register_id","register_year","arrival_number") WHERE arrival_number IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_uq" ON "documents" USING btree ("register_id","register_year","number") WHERE number IS NOT NULL;--> statement-breakpoint
CREATE INDEX "documents_source_idx" ON "documents" USING btree ("source_document_id");--> statement-breakpoint
CREATE INDEX "documents_due_idx" ON "documents" USING btree ("agency_id","due_date") WHERE due_date IS NOT NULL AND status NOT IN ('done','cancelled','refused');--> statement-breakpoint
CREATE UNIQUE INDEX "registers_agency_kind_uq" ON "registers" USING btree ("agency_id","direction","secret");