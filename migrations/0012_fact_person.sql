ALTER TABLE "facts" ADD COLUMN "person_id" uuid;--> statement-breakpoint
CREATE INDEX "facts_person_idx" ON "facts" USING btree ("tenant_id","person_id","year");