DROP INDEX "facts_person_idx";--> statement-breakpoint
CREATE INDEX "affiliations_org_unit_idx" ON "affiliations" USING btree ("tenant_id","org_unit_id") WHERE "affiliations"."org_unit_id" is not null;--> statement-breakpoint
CREATE INDEX "facts_practice_idx" ON "facts" USING btree ("tenant_id","person_id","year") WHERE "facts"."code" = 'teacher_practice_days';