ALTER TABLE "sessions" ADD COLUMN "sso_id_token" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_ticket" text;