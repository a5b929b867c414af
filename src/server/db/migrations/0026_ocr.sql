ALTER TABLE "ocr_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "document_files_sha_idx" ON "document_files" USING btree ("sha256");