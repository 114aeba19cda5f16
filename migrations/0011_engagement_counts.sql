CREATE TABLE "engagement_counts" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"live" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Kept by statement-level triggers whatever writes engagements (live = not deleted): one grouped
-- change per statement, so a bulk load of 100,000 rows costs one update, not 100,000.
CREATE OR REPLACE FUNCTION concord_count_engagements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO engagement_counts (tenant_id, live)
    SELECT tenant_id, count(*) FROM new_rows WHERE deleted_at IS NULL GROUP BY tenant_id
    ON CONFLICT (tenant_id) DO UPDATE SET live = engagement_counts.live + excluded.live;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE engagement_counts c SET live = c.live - d.n
    FROM (SELECT tenant_id, count(*) AS n FROM old_rows WHERE deleted_at IS NULL GROUP BY tenant_id) d
    WHERE c.tenant_id = d.tenant_id;
  ELSE
    INSERT INTO engagement_counts (tenant_id, live)
    SELECT tenant_id, sum(delta) FROM (
      SELECT tenant_id, 1 AS delta FROM new_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT tenant_id, -1 FROM old_rows WHERE deleted_at IS NULL
    ) changes GROUP BY tenant_id HAVING sum(delta) <> 0
    ON CONFLICT (tenant_id) DO UPDATE SET live = engagement_counts.live + excluded.live;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER engagements_count_insert AFTER INSERT ON engagements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION concord_count_engagements();
--> statement-breakpoint
CREATE TRIGGER engagements_count_update AFTER UPDATE ON engagements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION concord_count_engagements();
--> statement-breakpoint
CREATE TRIGGER engagements_count_delete AFTER DELETE ON engagements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION concord_count_engagements();
--> statement-breakpoint
INSERT INTO engagement_counts (tenant_id, live)
SELECT tenant_id, count(*) FROM engagements WHERE deleted_at IS NULL GROUP BY tenant_id;
