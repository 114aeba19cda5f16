-- Custom migration: keeps article_search (the published articles in brief, for search) and
-- article_counts (published articles per channel, language and featured flag) in step with
-- articles, whatever writes them.
-- article_search rows hold ids, language, channel, date and the segmented title; anything longer
-- goes out of line, so a search scans a few megabytes however many articles match. The title stays
-- in the row (ranking).
ALTER TABLE "article_search" SET (toast_tuple_target = 128);
--> statement-breakpoint
ALTER TABLE "article_search" ALTER COLUMN "search_title" SET STORAGE PLAIN;
--> statement-breakpoint
ALTER TABLE "article_search" ALTER COLUMN "locale" SET STORAGE PLAIN;
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
      (tenant_id, article_id, locale, channel_id, featured, published_at, search_title, search_vector)
    VALUES (NEW.tenant_id, NEW.id, NEW.locale, NEW.channel_id, NEW.featured,
      COALESCE(NEW.published_at, NEW.updated_at), NEW.search_title, NEW.search_vector);
    INSERT INTO article_counts (tenant_id, channel_id, locale, featured, published)
    VALUES (NEW.tenant_id, NEW.channel_id, NEW.locale, NEW.featured, 1)
    ON CONFLICT (tenant_id, channel_id, locale, featured)
    DO UPDATE SET published = article_counts.published + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER articles_sync_search
  AFTER INSERT OR UPDATE OR DELETE ON articles
  FOR EACH ROW EXECUTE FUNCTION concord_sync_article_search();
--> statement-breakpoint
INSERT INTO article_search
  (tenant_id, article_id, locale, channel_id, featured, published_at, search_title, search_vector)
SELECT tenant_id, id, locale, channel_id, featured, COALESCE(published_at, updated_at), search_title,
  search_vector
FROM articles
WHERE status = 'published' AND deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO article_counts (tenant_id, channel_id, locale, featured, published)
SELECT tenant_id, channel_id, locale, featured, count(*)
FROM article_search
GROUP BY tenant_id, channel_id, locale, featured;
--> statement-breakpoint
ANALYZE article_search;
