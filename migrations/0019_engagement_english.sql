ALTER TABLE "engagement_outcomes" ADD COLUMN "text_en" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "location_en" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "purpose_en" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "summary_en" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "topics_en" text[] DEFAULT '{}'::text[] NOT NULL;