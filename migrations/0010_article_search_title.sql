-- Search ranks the articles whose title holds the query first, then the rest, newest first in
-- each: the title gets its own word vector (in the row, indexed), and a language's articles an
-- index newest first, which a query matching many articles walks instead of sorting them all.
-- The segmented title text is no longer needed in the row.
ALTER TABLE "article_search" ADD COLUMN "title_vector" "tsvector";
--> statement-breakpoint
-- In the row (storage is decided as rows are written, so before the backfill).
ALTER TABLE "article_search" ALTER COLUMN "title_vector" SET STORAGE PLAIN;
--> statement-breakpoint
UPDATE "article_search" SET "title_vector" = to_tsvector('simple'::regconfig, "search_title");
--> statement-breakpoint
ALTER TABLE "article_search" ALTER COLUMN "title_vector" SET NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_sync_article_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_public boolean := false;
  is_public boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_public := OLD.status = 'published' AND OLD.deleted_at IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_public := NEW.status = 'published' AND NEW.deleted_at IS NULL;
  END IF;
  IF NOT was_public AND NOT is_public THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND was_public AND is_public
    AND NEW.locale IS NOT DISTINCT FROM OLD.locale
    AND NEW.channel_id IS NOT DISTINCT FROM OLD.channel_id
    AND NEW.featured IS NOT DISTINCT FROM OLD.featured
    AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at
    AND NEW.search_title IS NOT DISTINCT FROM OLD.search_title
    AND NEW.search_body IS NOT DISTINCT FROM OLD.search_body THEN
    RETURN NULL;
  END IF;
  IF was_public THEN
    DELETE FROM article_search WHERE tenant_id = OLD.tenant_id AND article_id = OLD.id;
    UPDATE article_counts SET published = published - 1
    WHERE tenant_id = OLD.tenant_id AND channel_id = OLD.channel_id AND locale = OLD.locale
      AND featured = OLD.featured;
  END IF;
  IF is_public THEN
    INSERT INTO article_search
      (tenant_id, article_id, locale, channel_id, featured, published_at, search_vector, title_vector)
    VALUES (NEW.tenant_id, NEW.id, NEW.locale, NEW.channel_id, NEW.featured,
      COALESCE(NEW.published_at, NEW.updated_at), NEW.search_vector,
      to_tsvector('simple'::regconfig, NEW.search_title));
    INSERT INTO article_counts (tenant_id, channel_id, locale, featured, published)
    VALUES (NEW.tenant_id, NEW.channel_id, NEW.locale, NEW.featured, 1)
    ON CONFLICT (tenant_id, channel_id, locale, featured)
    DO UPDATE SET published = article_counts.published + 1;
  END IF;
  RETURN NULL;
END;
$$;

--> statement-breakpoint
ALTER TABLE "article_search" DROP COLUMN "search_title";
--> statement-breakpoint
CREATE INDEX "article_search_title_idx" ON "article_search" USING gin ("title_vector");
--> statement-breakpoint
CREATE INDEX "article_search_date_idx" ON "article_search" USING btree ("tenant_id","locale","published_at","article_id");
--> statement-breakpoint
ANALYZE "article_search";
