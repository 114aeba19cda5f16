CREATE TABLE "engagement_counts" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"live" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Kept by a trigger whatever writes engagements: live = not deleted.
CREATE OR REPLACE FUNCTION concord_count_engagements() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_live boolean := false;
  is_live boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_live := OLD.deleted_at IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_live := NEW.deleted_at IS NULL;
  END IF;
  IF was_live AND (NOT is_live OR NEW.tenant_id <> OLD.tenant_id) THEN
    UPDATE engagement_counts SET live = live - 1 WHERE tenant_id = OLD.tenant_id;
  END IF;
  IF is_live AND (NOT was_live OR NEW.tenant_id <> OLD.tenant_id) THEN
    INSERT INTO engagement_counts (tenant_id, live) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET live = engagement_counts.live + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER engagements_count
  AFTER INSERT OR UPDATE OF deleted_at, tenant_id OR DELETE ON engagements
  FOR EACH ROW EXECUTE FUNCTION concord_count_engagements();
--> statement-breakpoint
INSERT INTO engagement_counts (tenant_id, live)
SELECT tenant_id, count(*) FROM engagements WHERE deleted_at IS NULL GROUP BY tenant_id;
