DROP INDEX "jobs_unique_key";--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_queued_unique_key" ON "jobs" USING btree ("unique_key") WHERE "jobs"."status" = 'queued';