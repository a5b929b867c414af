CREATE TABLE "service_applicant_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_applicant_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"applicant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_applicant_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "service_applicants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"full_name" text,
	"kind" text DEFAULT 'citizen' NOT NULL,
	"id_number" text,
	"phone" text,
	"address" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_applicants_kind_ck" CHECK ("service_applicants"."kind" IN ('citizen','organisation'))
);
--> statement-breakpoint
CREATE TABLE "service_dossier_counters" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "service_dossier_counters_agency_id_day_pk" PRIMARY KEY("agency_id","day")
);
--> statement-breakpoint
CREATE TABLE "service_dossier_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_dossier_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"status_from" smallint,
	"status_to" smallint,
	"actor_id" uuid,
	"by_applicant" boolean DEFAULT false NOT NULL,
	"public_note" text,
	"internal_note" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_dossier_papers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"paper_key" text NOT NULL,
	"blob_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"supplement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_dossier_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'handle' NOT NULL,
	"division_id" uuid,
	"assignee_id" uuid,
	"budget_days" text DEFAULT '1' NOT NULL,
	"handed_at" timestamp with time zone,
	"handed_by" uuid,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"result" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "service_dossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_version" integer NOT NULL,
	"channel" text NOT NULL,
	"online_level" text NOT NULL,
	"status" smallint NOT NULL,
	"applicant_id" uuid,
	"secret_hash" text NOT NULL,
	"applicant_kind" text DEFAULT 'citizen' NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"applicant_email" text,
	"applicant_phone" text,
	"applicant_address" text,
	"form_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"original_due_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_method" text,
	"result_blob" text,
	"result_file_name" text,
	"result_document_id" uuid,
	"fee_amount" bigint,
	"fee_paid_at" timestamp with time zone,
	"fee_receipt" text,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"received_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_dossiers_code_unique" UNIQUE("code"),
	CONSTRAINT "service_dossiers_status_ck" CHECK ("service_dossiers"."status" BETWEEN 1 AND 10),
	CONSTRAINT "service_dossiers_channel_ck" CHECK ("service_dossiers"."channel" IN ('online','counter','post')),
	CONSTRAINT "service_dossiers_rating_ck" CHECK ("service_dossiers"."rating" IS NULL OR "service_dossiers"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "service_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"form" text NOT NULL,
	"reason" text NOT NULL,
	"previous_due_at" timestamp with time zone,
	"new_due_at" timestamp with time zone,
	"signer_name" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "service_letters_form_ck" CHECK ("service_letters"."form" IN ('supplement','refusal','apology','stop'))
);
--> statement-breakpoint
CREATE TABLE "service_procedure_agencies" (
	"procedure_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	CONSTRAINT "service_procedure_agencies_procedure_id_agency_id_pk" PRIMARY KEY("procedure_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "service_procedure_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_procedure_versions" (
	"procedure_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_procedure_versions_procedure_id_version_pk" PRIMARY KEY("procedure_id","version")
);
--> statement-breakpoint
CREATE TABLE "service_procedures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"level" text NOT NULL,
	"online_level" text DEFAULT 'none' NOT NULL,
	"processing_days" integer NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(lt_norm(code || ' ' || name || ' ' || field), '[^a-z0-9.]+', ' ', 'g'))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_procedures_code_unique" UNIQUE("code"),
	CONSTRAINT "service_procedures_level_ck" CHECK ("service_procedures"."level" IN ('province','district','commune')),
	CONSTRAINT "service_procedures_online_ck" CHECK ("service_procedures"."online_level" IN ('none','partial','full'))
);
--> statement-breakpoint
CREATE TABLE "service_supplements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"items" jsonb NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "service_applicant_sessions" ADD CONSTRAINT "service_applicant_sessions_applicant_id_service_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."service_applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_counters" ADD CONSTRAINT "service_dossier_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_events" ADD CONSTRAINT "service_dossier_events_dossier_id_service_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."service_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_events" ADD CONSTRAINT "service_dossier_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_papers" ADD CONSTRAINT "service_dossier_papers_dossier_id_service_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."service_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_steps" ADD CONSTRAINT "service_dossier_steps_dossier_id_service_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."service_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_steps" ADD CONSTRAINT "service_dossier_steps_division_id_agencies_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_steps" ADD CONSTRAINT "service_dossier_steps_assignee_id_people_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_steps" ADD CONSTRAINT "service_dossier_steps_handed_by_people_id_fk" FOREIGN KEY ("handed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossier_steps" ADD CONSTRAINT "service_dossier_steps_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossiers" ADD CONSTRAINT "service_dossiers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossiers" ADD CONSTRAINT "service_dossiers_procedure_id_service_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."service_procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossiers" ADD CONSTRAINT "service_dossiers_applicant_id_service_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."service_applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossiers" ADD CONSTRAINT "service_dossiers_result_document_id_documents_id_fk" FOREIGN KEY ("result_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dossiers" ADD CONSTRAINT "service_dossiers_received_by_people_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_letters" ADD CONSTRAINT "service_letters_dossier_id_service_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."service_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_letters" ADD CONSTRAINT "service_letters_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_procedure_agencies" ADD CONSTRAINT "service_procedure_agencies_procedure_id_service_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."service_procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_procedure_agencies" ADD CONSTRAINT "service_procedure_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_procedure_imports" ADD CONSTRAINT "service_procedure_imports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_procedure_versions" ADD CONSTRAINT "service_procedure_versions_procedure_id_service_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."service_procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_procedure_versions" ADD CONSTRAINT "service_procedure_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_supplements" ADD CONSTRAINT "service_supplements_dossier_id_service_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."service_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_supplements" ADD CONSTRAINT "service_supplements_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_applicant_codes_email_idx" ON "service_applicant_codes" USING btree ("email","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_applicants_email_uq" ON "service_applicants" USING btree ("email");--> statement-breakpoint
CREATE INDEX "service_dossier_events_dossier_idx" ON "service_dossier_events" USING btree ("dossier_id","id");--> statement-breakpoint
CREATE INDEX "service_dossier_papers_dossier_idx" ON "service_dossier_papers" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_dossier_steps_seq_uq" ON "service_dossier_steps" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE INDEX "service_dossier_steps_assignee_idx" ON "service_dossier_steps" USING btree ("assignee_id","due_at") WHERE "service_dossier_steps"."done_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "service_dossiers_idem_uq" ON "service_dossiers" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "service_dossiers_agency_idx" ON "service_dossiers" USING btree ("agency_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_dossiers_agency_time_idx" ON "service_dossiers" USING btree ("agency_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_dossiers_applicant_idx" ON "service_dossiers" USING btree ("applicant_id","submitted_at");--> statement-breakpoint
CREATE INDEX "service_dossiers_due_idx" ON "service_dossiers" USING btree ("due_at") WHERE "service_dossiers"."status" IN (2, 4);--> statement-breakpoint
CREATE INDEX "service_letters_dossier_idx" ON "service_letters" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX "service_procedure_agencies_agency_idx" ON "service_procedure_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "service_procedures_search_idx" ON "service_procedures" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "service_procedures_field_idx" ON "service_procedures" USING btree ("field","name");--> statement-breakpoint
CREATE UNIQUE INDEX "service_supplements_open_uq" ON "service_supplements" USING btree ("dossier_id") WHERE "service_supplements"."answered_at" IS NULL;