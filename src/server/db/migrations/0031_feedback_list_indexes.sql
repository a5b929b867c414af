DROP INDEX "feedback_items_agency_idx";--> statement-breakpoint
DROP INDEX "feedback_items_received_agency_idx";--> statement-breakpoint
DROP INDEX "feedback_items_published_idx";--> statement-breakpoint
CREATE INDEX "feedback_items_agency_idx" ON "feedback_items" USING btree ("agency_id","received_at","id");--> statement-breakpoint
CREATE INDEX "feedback_items_received_agency_idx" ON "feedback_items" USING btree ("received_agency_id","received_at","id");--> statement-breakpoint
CREATE INDEX "feedback_items_published_idx" ON "feedback_items" USING btree ("published_at","id") WHERE published_at IS NOT NULL;