CREATE TABLE "audit_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL
);
