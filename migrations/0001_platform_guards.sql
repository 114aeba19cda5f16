-- Trigram matching for partner names (used by later migrations' indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The timeline is append-only: refuse every UPDATE and DELETE on it.
CREATE OR REPLACE FUNCTION concord_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'timeline_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER timeline_events_append_only
  BEFORE UPDATE OR DELETE ON timeline_events
  FOR EACH ROW EXECUTE FUNCTION concord_refuse_change();
