CREATE TABLE "article_comments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_id" uuid,
	"kind" text DEFAULT 'comment' NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "article_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "article_links" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_links_tenant_id_group_id_subject_type_subject_id_pk" PRIMARY KEY("tenant_id","group_id","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "article_revisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_html" text NOT NULL,
	"body_json" jsonb,
	CONSTRAINT "article_revisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"group_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"body_json" jsonb,
	"cover_media_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"author_id" uuid,
	"reviewer_id" uuid,
	"seo_title" text,
	"seo_description" text,
	"search_title" text DEFAULT '' NOT NULL,
	"search_body" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, search_title), 'A') || setweight(to_tsvector('simple'::regconfig, search_body), 'B')) STORED,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "articles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "channels_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "media" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sha256" text NOT NULL,
	"original_key" text NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"derivatives" jsonb NOT NULL,
	"alt_zh" text DEFAULT '' NOT NULL,
	"alt_en" text DEFAULT '' NOT NULL,
	"caption_zh" text DEFAULT '' NOT NULL,
	"caption_en" text DEFAULT '' NOT NULL,
	"credit" text DEFAULT '' NOT NULL,
	"uploaded_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "media_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "article_comments_article_idx" ON "article_comments" USING btree ("tenant_id","article_id","created_at");--> statement-breakpoint
CREATE INDEX "article_links_subject_idx" ON "article_links" USING btree ("tenant_id","subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "article_revisions_number_uq" ON "article_revisions" USING btree ("tenant_id","article_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_slug_uq" ON "articles" USING btree ("tenant_id","locale","slug") WHERE deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "articles_group_locale_uq" ON "articles" USING btree ("tenant_id","group_id","locale") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "articles_public_idx" ON "articles" USING btree ("tenant_id","locale","status","published_at");--> statement-breakpoint
CREATE INDEX "articles_channel_idx" ON "articles" USING btree ("tenant_id","channel_id","locale","status","published_at");--> statement-breakpoint
CREATE INDEX "articles_due_idx" ON "articles" USING btree ("tenant_id","status","publish_at");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_slug_uq" ON "channels" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "media_sha256_uq" ON "media" USING btree ("tenant_id","sha256");--> statement-breakpoint
CREATE INDEX "media_created_idx" ON "media" USING btree ("tenant_id","created_at");