CREATE TABLE "feedback_case_members" (
	"item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_case_members_item_id_person_id_pk" PRIMARY KEY("item_id","person_id"),
	CONSTRAINT "feedback_case_members_role_ck" CHECK ("feedback_case_members"."role" IN ('settler','verifier'))
);
--> statement-breakpoint
CREATE TABLE "feedback_counters" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "feedback_counters_agency_id_day_pk" PRIMARY KEY("agency_id","day")
);
--> statement-breakpoint
CREATE TABLE "feedback_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"agency_id" uuid,
	"note" text,
	"public_note" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"blob_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"identifying" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_identities" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"received_agency_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"forward_path" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"kind" text DEFAULT 'unclassified' NOT NULL,
	"declared_kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"sender_kind" text DEFAULT 'citizen' NOT NULL,
	"subject" text NOT NULL,
	"content" text NOT NULL,
	"field" text,
	"remote" boolean DEFAULT false NOT NULL,
	"instance" smallint DEFAULT 1 NOT NULL,
	"previous_item_id" uuid,
	"duplicate_of_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"classify_due_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"settle_due_at" timestamp with time zone,
	"extensions" smallint DEFAULT 0 NOT NULL,
	"settled_at" timestamp with time zone,
	"result" text,
	"acceptance_document_id" uuid,
	"decision_document_id" uuid,
	"publish_consent" boolean DEFAULT false NOT NULL,
	"public_question" text,
	"public_answer" text,
	"published_at" timestamp with time zone,
	"satisfaction" smallint,
	"satisfaction_comment" text,
	"secret_hash" text NOT NULL,
	"form_nonce" text,
	"received_by" uuid,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(lt_norm(code || ' ' || subject || ' ' || content || ' ' || coalesce(field, '')), '[^a-z0-9]+', ' ', 'g'))) STORED,
	"board_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(lt_norm(coalesce(public_question, '') || ' ' || coalesce(public_answer, '') || ' ' || coalesce(field, '')), '[^a-z0-9]+', ' ', 'g'))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_items_code_unique" UNIQUE("code"),
	CONSTRAINT "feedback_items_form_nonce_unique" UNIQUE("form_nonce"),
	CONSTRAINT "feedback_items_kind_ck" CHECK ("feedback_items"."kind" IN ('unclassified','regulation','complaint','denunciation','proposal','out_of_scope')),
	CONSTRAINT "feedback_items_status_ck" CHECK ("feedback_items"."status" IN ('received','accepted','forwarded','refused','duplicate','settled')),
	CONSTRAINT "feedback_items_channel_ck" CHECK ("feedback_items"."channel" IN ('online','desk','post')),
	CONSTRAINT "feedback_items_rating_ck" CHECK ("feedback_items"."satisfaction" BETWEEN 1 AND 5)
);
--> statement-breakpoint
ALTER TABLE "feedback_case_members" ADD CONSTRAINT "feedback_case_members_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_case_members" ADD CONSTRAINT "feedback_case_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_case_members" ADD CONSTRAINT "feedback_case_members_assigned_by_people_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_counters" ADD CONSTRAINT "feedback_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_files" ADD CONSTRAINT "feedback_files_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_identities" ADD CONSTRAINT "feedback_identities_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_received_agency_id_agencies_id_fk" FOREIGN KEY ("received_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_received_by_people_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_case_members_person_idx" ON "feedback_case_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "feedback_events_item_idx" ON "feedback_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "feedback_files_item_idx" ON "feedback_files" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "feedback_items_agency_idx" ON "feedback_items" USING btree ("agency_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "feedback_items_received_agency_idx" ON "feedback_items" USING btree ("received_agency_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "feedback_items_open_due_idx" ON "feedback_items" USING btree ("agency_id","settle_due_at") WHERE status IN ('received', 'accepted');--> statement-breakpoint
CREATE INDEX "feedback_items_settled_idx" ON "feedback_items" USING btree ("agency_id","settled_at");--> statement-breakpoint
CREATE INDEX "feedback_items_search_idx" ON "feedback_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "feedback_items_board_idx" ON "feedback_items" USING gin ("board_vector");--> statement-breakpoint
CREATE INDEX "feedback_items_published_idx" ON "feedback_items" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE published_at IS NOT NULL;