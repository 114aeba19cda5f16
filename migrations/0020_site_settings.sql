CREATE TABLE "site_settings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"logo_media_id" uuid,
	"icon_media_id" uuid,
	"icons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"address_zh" text DEFAULT '' NOT NULL,
	"address_en" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"footer_zh" text DEFAULT '' NOT NULL,
	"footer_en" text DEFAULT '' NOT NULL,
	"icp" text DEFAULT '' NOT NULL,
	CONSTRAINT "site_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "site_settings_tenant_uq" ON "site_settings" USING btree ("tenant_id");