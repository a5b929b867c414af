CREATE TABLE "report_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"it_agency_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_settings_one_row_ck" CHECK ("report_settings"."id")
);
--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_it_agency_id_agencies_id_fk" FOREIGN KEY ("it_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_released_idx" ON "documents" USING btree ("released_at") WHERE direction = 'outgoing' AND status = 'released';--> statement-breakpoint
CREATE INDEX "documents_arrived_idx" ON "documents" USING btree ("arrived_at") WHERE direction = 'incoming';--> statement-breakpoint
CREATE INDEX "documents_due_date_idx" ON "documents" USING btree ("due_date") WHERE direction = 'incoming' AND due_date IS NOT NULL;