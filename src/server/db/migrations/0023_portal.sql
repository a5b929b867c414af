CREATE TABLE "announcement_agencies" (
	"announcement_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	CONSTRAINT "announcement_agencies_announcement_id_agency_id_pk" PRIMARY KEY("announcement_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "announcement_reads" (
	"announcement_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcement_reads_announcement_id_person_id_pk" PRIMARY KEY("announcement_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"audience" text NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"status" text DEFAULT 'published' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_audience_ck" CHECK ("announcements"."audience" IN ('all','agencies','roles')),
	CONSTRAINT "announcements_status_ck" CHECK ("announcements"."status" IN ('published','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"target_id" uuid,
	"token_hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "calendar_feeds_scope_ck" CHECK ("calendar_feeds"."scope" IN ('person','agency','all'))
);
--> statement-breakpoint
CREATE TABLE "schedule_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"week_id" uuid,
	"day" date NOT NULL,
	"session" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"content" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"chair_text" text DEFAULT '' NOT NULL,
	"participants_text" text DEFAULT '' NOT NULL,
	"preparing_agency_id" uuid,
	"preparing_text" text DEFAULT '' NOT NULL,
	"following_text" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"invitation_document_id" uuid,
	"source" text DEFAULT 'schedule' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_entries_session_ck" CHECK ("schedule_entries"."session" IN ('morning','afternoon','evening')),
	CONSTRAINT "schedule_entries_status_ck" CHECK ("schedule_entries"."status" IN ('active','cancelled')),
	CONSTRAINT "schedule_entries_source_ck" CHECK ("schedule_entries"."source" IN ('schedule','invitation')),
	CONSTRAINT "schedule_entries_order_ck" CHECK ("schedule_entries"."ends_at" IS NULL OR "schedule_entries"."ends_at" > "schedule_entries"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "schedule_entry_agencies" (
	"entry_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "schedule_entry_agencies_entry_id_agency_id_role_pk" PRIMARY KEY("entry_id","agency_id","role"),
	CONSTRAINT "schedule_entry_agencies_role_ck" CHECK ("schedule_entry_agencies"."role" IN ('participant','preparing'))
);
--> statement-breakpoint
CREATE TABLE "schedule_entry_people" (
	"entry_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "schedule_entry_people_entry_id_person_id_role_pk" PRIMARY KEY("entry_id","person_id","role"),
	CONSTRAINT "schedule_entry_people_role_ck" CHECK ("schedule_entry_people"."role" IN ('chair','participant','following'))
);
--> statement-breakpoint
CREATE TABLE "schedule_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"proposal" jsonb NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"entry_id" uuid,
	"decided_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_invitations_document_id_unique" UNIQUE("document_id"),
	CONSTRAINT "schedule_invitations_status_ck" CHECK ("schedule_invitations"."status" IN ('proposed','confirmed','dismissed'))
);
--> statement-breakpoint
CREATE TABLE "schedule_week_versions" (
	"week_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"change_note" text,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_id" uuid,
	CONSTRAINT "schedule_week_versions_week_id_revision_pk" PRIMARY KEY("week_id","revision")
);
--> statement-breakpoint
CREATE TABLE "schedule_weeks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"schedule_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"iso_year" integer NOT NULL,
	"iso_week" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_weeks_status_ck" CHECK ("schedule_weeks"."status" IN ('draft','published'))
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"office_agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_agency_id_unique" UNIQUE("agency_id")
);
--> statement-breakpoint
CREATE TABLE "task_agencies" (
	"task_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "task_agencies_task_id_agency_id_pk" PRIMARY KEY("task_id","agency_id"),
	CONSTRAINT "task_agencies_role_ck" CHECK ("task_agencies"."role" IN ('lead','cooperate'))
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"agency_id" uuid,
	"actor_id" uuid,
	"text" text DEFAULT '' NOT NULL,
	"progress" integer,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assigner_agency_id" uuid NOT NULL,
	"lead_agency_id" uuid NOT NULL,
	"content" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_document_id" uuid,
	"source_entry_id" uuid,
	"source_text" text DEFAULT '' NOT NULL,
	"assigned_on" date NOT NULL,
	"due_on" date NOT NULL,
	"due_working_days" integer,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"reported_on" date,
	"done_on" date,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_status_ck" CHECK ("tasks"."status" IN ('in_progress','reported','done','cancelled')),
	CONSTRAINT "tasks_source_ck" CHECK ("tasks"."source_kind" IN ('conclusion','directive','meeting','other')),
	CONSTRAINT "tasks_due_ck" CHECK ("tasks"."due_on" >= "tasks"."assigned_on"),
	CONSTRAINT "tasks_progress_ck" CHECK ("tasks"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "announcement_agencies" ADD CONSTRAINT "announcement_agencies_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_agencies" ADD CONSTRAINT "announcement_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entries" ADD CONSTRAINT "schedule_entries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entries" ADD CONSTRAINT "schedule_entries_week_id_schedule_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."schedule_weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entries" ADD CONSTRAINT "schedule_entries_preparing_agency_id_agencies_id_fk" FOREIGN KEY ("preparing_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entries" ADD CONSTRAINT "schedule_entries_invitation_document_id_documents_id_fk" FOREIGN KEY ("invitation_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entries" ADD CONSTRAINT "schedule_entries_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entry_agencies" ADD CONSTRAINT "schedule_entry_agencies_entry_id_schedule_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."schedule_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entry_agencies" ADD CONSTRAINT "schedule_entry_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entry_people" ADD CONSTRAINT "schedule_entry_people_entry_id_schedule_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."schedule_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_entry_people" ADD CONSTRAINT "schedule_entry_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_invitations" ADD CONSTRAINT "schedule_invitations_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_invitations" ADD CONSTRAINT "schedule_invitations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_invitations" ADD CONSTRAINT "schedule_invitations_entry_id_schedule_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."schedule_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_invitations" ADD CONSTRAINT "schedule_invitations_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_week_versions" ADD CONSTRAINT "schedule_week_versions_week_id_schedule_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."schedule_weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_week_versions" ADD CONSTRAINT "schedule_week_versions_published_by_id_people_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_weeks" ADD CONSTRAINT "schedule_weeks_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_weeks" ADD CONSTRAINT "schedule_weeks_published_by_id_people_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_office_agency_id_agencies_id_fk" FOREIGN KEY ("office_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_agencies" ADD CONSTRAINT "task_agencies_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_agencies" ADD CONSTRAINT "task_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assigner_agency_id_agencies_id_fk" FOREIGN KEY ("assigner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_lead_agency_id_agencies_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_source_document_id_documents_id_fk" FOREIGN KEY ("source_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_source_entry_id_schedule_entries_id_fk" FOREIGN KEY ("source_entry_id") REFERENCES "public"."schedule_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcement_agencies_agency_idx" ON "announcement_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "announcements_published_idx" ON "announcements" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "announcements_agency_idx" ON "announcements" USING btree ("agency_id","published_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_owner_idx" ON "calendar_feeds" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "schedule_entries_week_idx" ON "schedule_entries" USING btree ("week_id","day","starts_at");--> statement-breakpoint
CREATE INDEX "schedule_entries_agency_time_idx" ON "schedule_entries" USING btree ("agency_id","starts_at");--> statement-breakpoint
CREATE INDEX "schedule_entries_updated_idx" ON "schedule_entries" USING btree ("agency_id","updated_at");--> statement-breakpoint
CREATE INDEX "schedule_entry_agencies_agency_idx" ON "schedule_entry_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "schedule_entry_people_person_idx" ON "schedule_entry_people" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "schedule_invitations_agency_idx" ON "schedule_invitations" USING btree ("agency_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_weeks_week_uq" ON "schedule_weeks" USING btree ("schedule_id","week_start");--> statement-breakpoint
CREATE INDEX "task_agencies_agency_idx" ON "task_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "tasks_assigner_idx" ON "tasks" USING btree ("assigner_agency_id","status","due_on");--> statement-breakpoint
CREATE INDEX "tasks_lead_idx" ON "tasks" USING btree ("lead_agency_id","status","due_on");--> statement-breakpoint
CREATE INDEX "tasks_due_idx" ON "tasks" USING btree ("status","due_on");