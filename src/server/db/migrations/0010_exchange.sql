CREATE TABLE "exchange_inbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"peer_id" uuid,
	"via" text NOT NULL,
	"kind" text NOT NULL,
	"business" text NOT NULL,
	"sender_code" text,
	"to_code" text,
	"agency_id" uuid,
	"doc_key" text,
	"idem_key" text,
	"subject" text DEFAULT '' NOT NULL,
	"package_sha256" text NOT NULL,
	"package_size" bigint NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"peer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"business" text NOT NULL,
	"document_id" uuid,
	"delivery_id" uuid,
	"doc_key" text NOT NULL,
	"to_code" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"package_sha256" text NOT NULL,
	"package_size" bigint NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_peers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"agency_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"secret" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"flush_gen" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_inbox" ADD CONSTRAINT "exchange_inbox_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD CONSTRAINT "exchange_outbox_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_inbox_idem_uq" ON "exchange_inbox" USING btree ("idem_key") WHERE state = 'accepted';--> statement-breakpoint
CREATE INDEX "exchange_inbox_queue_idx" ON "exchange_inbox" USING btree ("peer_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "exchange_inbox_doc_idx" ON "exchange_inbox" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "exchange_inbox_key_idx" ON "exchange_inbox" USING btree ("doc_key","to_code");--> statement-breakpoint
CREATE INDEX "exchange_outbox_queue_idx" ON "exchange_outbox" USING btree ("peer_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "exchange_outbox_key_idx" ON "exchange_outbox" USING btree ("doc_key","to_code");--> statement-breakpoint
CREATE INDEX "exchange_outbox_delivery_idx" ON "exchange_outbox" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "exchange_peers_codes_idx" ON "exchange_peers" USING gin ("agency_codes");