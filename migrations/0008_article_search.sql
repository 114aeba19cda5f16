CREATE TABLE "article_counts" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"featured" boolean NOT NULL,
	"published" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "article_counts_tenant_id_channel_id_locale_featured_pk" PRIMARY KEY("tenant_id","channel_id","locale","featured")
);
--> statement-breakpoint
CREATE TABLE "article_search" (
	"tenant_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"featured" boolean NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"search_title" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	CONSTRAINT "article_search_tenant_id_article_id_pk" PRIMARY KEY("tenant_id","article_id")
);
--> statement-breakpoint
DROP INDEX "articles_public_idx";--> statement-breakpoint
DROP INDEX "articles_channel_idx";--> statement-breakpoint
DROP INDEX "articles_search_idx";--> statement-breakpoint
CREATE INDEX "article_search_vector_idx" ON "article_search" USING gin ("search_vector");