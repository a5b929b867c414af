ALTER TABLE "exchange_outbox" ALTER COLUMN "package_sha256" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ALTER COLUMN "package_size" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD COLUMN "staff" text;