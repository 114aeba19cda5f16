ALTER TABLE "sso_settings" ADD COLUMN "cas_server_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_settings" ADD COLUMN "cas_version" text DEFAULT '3' NOT NULL;