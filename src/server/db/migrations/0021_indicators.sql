CREATE TABLE "indicator_dashboards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_disaggregations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"options" jsonb NOT NULL,
	CONSTRAINT "indicator_disaggregations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_form_agencies" (
	"form_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	CONSTRAINT "indicator_form_agencies_form_id_agency_id_pk" PRIMARY KEY("form_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_form_items" (
	"form_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_form_items_form_id_indicator_id_pk" PRIMARY KEY("form_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"periodicity" text NOT NULL,
	"due_days" integer DEFAULT 5 NOT NULL,
	"lock_days" integer DEFAULT 15 NOT NULL,
	"approval_levels" smallint DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_forms_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_groups_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_reminders" (
	"form_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_reopenings" (
	"form_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"period" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_reopenings_form_id_agency_id_period_pk" PRIMARY KEY("form_id","agency_id","period")
);
--> statement-breakpoint
CREATE TABLE "indicator_report_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"form_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"period" text NOT NULL,
	"action" text NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"by_id" uuid,
	"by_agency_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_reports" (
	"form_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"awaiting_agency_id" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by_id" uuid,
	"approved_at" timestamp with time zone,
	"return_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_reports_form_id_agency_id_period_pk" PRIMARY KEY("form_id","agency_id","period"),
	CONSTRAINT "indicator_reports_status_ck" CHECK ("indicator_reports"."status" IN ('draft','submitted','approved','returned'))
);
--> statement-breakpoint
CREATE TABLE "indicator_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"form_id" uuid,
	"name" text NOT NULL,
	"left" text NOT NULL,
	"operator" text NOT NULL,
	"right" text NOT NULL,
	"importance" text DEFAULT 'warning' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"indicator_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" numeric NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_targets_indicator_id_agency_id_year_pk" PRIMARY KEY("indicator_id","agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "indicator_value_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"option_code" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"before" text,
	"after" text,
	"by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"option_code" text DEFAULT '' NOT NULL,
	"estimate" numeric,
	"official" numeric,
	"comment" text,
	"indicator_version" integer NOT NULL,
	"rev" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_values_indicator_id_period_agency_id_option_code_pk" PRIMARY KEY("indicator_id","period","agency_id","option_code")
);
--> statement-breakpoint
CREATE TABLE "indicator_versions" (
	"indicator_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"changed_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_versions_indicator_id_version_pk" PRIMARY KEY("indicator_id","version")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"periodicity" text NOT NULL,
	"value_type" text NOT NULL,
	"decimals" smallint DEFAULT 0 NOT NULL,
	"aggregation" text NOT NULL,
	"weight_code" text,
	"formula" text,
	"disaggregation_id" uuid,
	"level" text NOT NULL,
	"responsible_agency_id" uuid,
	"official" boolean DEFAULT false NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code"),
	CONSTRAINT "indicators_periodicity_ck" CHECK ("indicators"."periodicity" IN ('month','quarter','half','nine_months','year')),
	CONSTRAINT "indicators_value_type_ck" CHECK ("indicators"."value_type" IN ('number','percent','integer')),
	CONSTRAINT "indicators_aggregation_ck" CHECK ("indicators"."aggregation" IN ('sum','weighted_avg','formula','last','none'))
);
--> statement-breakpoint
ALTER TABLE "indicator_dashboards" ADD CONSTRAINT "indicator_dashboards_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_form_agencies" ADD CONSTRAINT "indicator_form_agencies_form_id_indicator_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."indicator_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_form_agencies" ADD CONSTRAINT "indicator_form_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_form_items" ADD CONSTRAINT "indicator_form_items_form_id_indicator_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."indicator_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_form_items" ADD CONSTRAINT "indicator_form_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reopenings" ADD CONSTRAINT "indicator_reopenings_form_id_indicator_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."indicator_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reopenings" ADD CONSTRAINT "indicator_reopenings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reopenings" ADD CONSTRAINT "indicator_reopenings_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_steps" ADD CONSTRAINT "indicator_report_steps_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_steps" ADD CONSTRAINT "indicator_report_steps_by_agency_id_agencies_id_fk" FOREIGN KEY ("by_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_form_id_indicator_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."indicator_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_awaiting_agency_id_agencies_id_fk" FOREIGN KEY ("awaiting_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_submitted_by_id_people_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_rules" ADD CONSTRAINT "indicator_rules_form_id_indicator_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."indicator_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_updated_by_id_people_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value_history" ADD CONSTRAINT "indicator_value_history_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_updated_by_id_people_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_changed_by_id_people_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_group_id_indicator_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."indicator_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_disaggregation_id_indicator_disaggregations_id_fk" FOREIGN KEY ("disaggregation_id") REFERENCES "public"."indicator_disaggregations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_responsible_agency_id_agencies_id_fk" FOREIGN KEY ("responsible_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_dashboards_owner_idx" ON "indicator_dashboards" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "indicator_form_agencies_agency_idx" ON "indicator_form_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_reminders_uq" ON "indicator_reminders" USING btree ("form_id","agency_id","period","kind");--> statement-breakpoint
CREATE INDEX "indicator_report_steps_report_idx" ON "indicator_report_steps" USING btree ("form_id","agency_id","period","id");--> statement-breakpoint
CREATE INDEX "indicator_reports_awaiting_idx" ON "indicator_reports" USING btree ("awaiting_agency_id","status");--> statement-breakpoint
CREATE INDEX "indicator_value_history_cell_idx" ON "indicator_value_history" USING btree ("indicator_id","agency_id","period","option_code","id");--> statement-breakpoint
CREATE INDEX "indicator_values_agency_idx" ON "indicator_values" USING btree ("agency_id","period");--> statement-breakpoint
CREATE INDEX "indicators_group_idx" ON "indicators" USING btree ("group_id","sort_order");