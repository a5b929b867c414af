-- The values of src/shared/documents/workflow.ts: a status or kind the workflow does not know is refused.
ALTER TABLE "document_assignments" ADD CONSTRAINT "document_assignments_role_ck" CHECK ("document_assignments"."role" IN ('lead', 'co', 'info'));--> statement-breakpoint
ALTER TABLE "document_assignments" ADD CONSTRAINT "document_assignments_status_ck" CHECK ("document_assignments"."status" IN ('open', 'done'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_direction_ck" CHECK ("documents"."direction" IN ('incoming', 'outgoing'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_status_ck" CHECK (("documents"."direction" = 'incoming' AND "documents"."status" IN ('pending', 'registered', 'submitted', 'assigned', 'done', 'refused', 'cancelled')) OR ("documents"."direction" = 'outgoing' AND "documents"."status" IN ('draft', 'in_review', 'returned', 'signed', 'released', 'recalled')));
