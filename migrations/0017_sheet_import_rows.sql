CREATE TABLE "sheet_import_rows" (
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"action" text NOT NULL,
	"report" jsonb NOT NULL,
	CONSTRAINT "sheet_import_rows_tenant_id_import_id_row_pk" PRIMARY KEY("tenant_id","import_id","row")
);
--> statement-breakpoint
CREATE INDEX "sheet_import_rows_action_idx" ON "sheet_import_rows" USING btree ("tenant_id","import_id","action","row");--> statement-breakpoint
INSERT INTO "sheet_import_rows" ("tenant_id", "import_id", "row", "action", "report")
SELECT i."tenant_id", i."id", (r.value->>'row')::int, r.value->>'action', r.value
FROM "sheet_imports" i, jsonb_array_elements(i."report") r
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "sheet_imports" DROP COLUMN "report";