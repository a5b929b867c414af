ALTER TABLE "exchange_peers" ALTER COLUMN "secret" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "exchange_peers" ADD COLUMN "public_key" text;--> statement-breakpoint
ALTER TABLE "exchange_peers" ADD CONSTRAINT "exchange_peers_auth_ck" CHECK (("exchange_peers"."secret" IS NULL) <> ("exchange_peers"."public_key" IS NULL));