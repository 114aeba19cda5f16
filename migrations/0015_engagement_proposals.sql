CREATE TABLE "engagement_proposals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"article_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"article_version" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"published_on" date,
	"is_cooperation" boolean NOT NULL,
	"event_type" text NOT NULL,
	"event_date" date,
	"confidence" real NOT NULL,
	"document" text NOT NULL,
	"extraction" jsonb NOT NULL,
	"engagement_id" uuid,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "engagement_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "article_sources" ADD COLUMN "page_date" date;--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_proposals_article_uq" ON "engagement_proposals" USING btree ("tenant_id","article_id");--> statement-breakpoint
CREATE INDEX "engagement_proposals_queue_idx" ON "engagement_proposals" USING btree ("tenant_id","status","event_date");--> statement-breakpoint
CREATE INDEX "engagement_proposals_group_idx" ON "engagement_proposals" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "engagement_proposals_pending_idx" ON "engagement_proposals" USING btree ("tenant_id","confidence") WHERE status = 'pending';