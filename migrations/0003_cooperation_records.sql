CREATE TABLE "agreement_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"agreement_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"storage_key" text NOT NULL,
	"byte_size" text NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "agreement_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"agreement_id" uuid NOT NULL,
	"organization_id" uuid,
	"role" text NOT NULL,
	"signatory_person_id" uuid,
	CONSTRAINT "agreement_parties_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text,
	"type" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"signed_on" date,
	"valid_from" date,
	"valid_to" date,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"parent_id" uuid,
	"source_engagement_id" uuid,
	"owner_org_unit_id" uuid,
	"notes" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "agreements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"text" text NOT NULL,
	"source_type" text,
	"source_id" uuid,
	"owner_user_id" uuid,
	"owner_org_unit_id" uuid,
	"counterpart_person_id" uuid,
	"organization_id" uuid,
	"due_on" date,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"completed_on" date,
	"completed_by_id" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "commitments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "engagement_organizations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"engagement_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text DEFAULT 'partner' NOT NULL,
	CONSTRAINT "engagement_organizations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "engagement_outcomes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"engagement_id" uuid NOT NULL,
	"kind" text DEFAULT 'consensus' NOT NULL,
	"text" text NOT NULL,
	"commitment_id" uuid,
	"agreement_id" uuid,
	"program_id" uuid,
	CONSTRAINT "engagement_outcomes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "engagement_participants" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"engagement_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid,
	"side" text NOT NULL,
	"role" text DEFAULT 'attended' NOT NULL,
	"title_zh" text,
	"title_en" text,
	CONSTRAINT "engagement_participants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"type" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"starts_at" time,
	"ends_on" date,
	"location" text,
	"host_org_unit_id" uuid,
	"purpose" text,
	"summary" text,
	"delegation_size" integer,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"facility_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "engagements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"kind" text DEFAULT 'training_center' NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"org_unit_id" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "facilities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "majors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"org_unit_id" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "majors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"parent_id" uuid,
	"kind" text DEFAULT 'school' NOT NULL,
	"code" text,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "org_units_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"uscc" text,
	"industry" text,
	"region" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"parent_id" uuid,
	"since" text,
	"website" text,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into_id" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "organizations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"organization_id" uuid NOT NULL,
	"stage" text DEFAULT 'prospect' NOT NULL,
	"owner_user_id" uuid,
	"lead_org_unit_id" uuid,
	"dimensions" text[] DEFAULT '{}'::text[] NOT NULL,
	"major_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"since" text,
	"notes" text,
	CONSTRAINT "partnerships_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "affiliations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid,
	"org_unit_id" uuid,
	"title_zh" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"from_on" date,
	"to_on" date,
	"is_primary" boolean DEFAULT true NOT NULL,
	CONSTRAINT "affiliations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"side" text DEFAULT 'theirs' NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"user_id" uuid,
	"notes" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "people_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "facts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(14, 2) NOT NULL,
	"program_id" uuid,
	"major_id" uuid,
	"organization_id" uuid,
	"note" text,
	CONSTRAINT "facts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "program_milestones" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"program_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_on" date,
	CONSTRAINT "program_milestones_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"dimension" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"major_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"lead_person_id" uuid,
	"lead_org_unit_id" uuid,
	"agreement_id" uuid,
	"source_engagement_id" uuid,
	"start_on" date,
	"end_on" date,
	"description" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "programs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "org_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "agreement_files_idx" ON "agreement_files" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_parties_agreement_idx" ON "agreement_parties" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_parties_org_idx" ON "agreement_parties" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "agreements_valid_to_idx" ON "agreements" USING btree ("tenant_id","status","valid_to");--> statement-breakpoint
CREATE INDEX "commitments_owner_idx" ON "commitments" USING btree ("tenant_id","owner_user_id","status","due_on");--> statement-breakpoint
CREATE INDEX "commitments_unit_idx" ON "commitments" USING btree ("tenant_id","owner_org_unit_id","status","due_on");--> statement-breakpoint
CREATE INDEX "commitments_due_idx" ON "commitments" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE INDEX "commitments_source_idx" ON "commitments" USING btree ("tenant_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "commitments_org_idx" ON "commitments" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "engagement_orgs_engagement_idx" ON "engagement_organizations" USING btree ("tenant_id","engagement_id");--> statement-breakpoint
CREATE INDEX "engagement_orgs_org_idx" ON "engagement_organizations" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "engagement_outcomes_idx" ON "engagement_outcomes" USING btree ("tenant_id","engagement_id");--> statement-breakpoint
CREATE INDEX "engagement_people_engagement_idx" ON "engagement_participants" USING btree ("tenant_id","engagement_id");--> statement-breakpoint
CREATE INDEX "engagement_people_person_idx" ON "engagement_participants" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "engagements_date_idx" ON "engagements" USING btree ("tenant_id","starts_on");--> statement-breakpoint
CREATE INDEX "engagements_type_idx" ON "engagements" USING btree ("tenant_id","type","starts_on");--> statement-breakpoint
CREATE INDEX "engagements_host_idx" ON "engagements" USING btree ("tenant_id","host_org_unit_id","starts_on");--> statement-breakpoint
CREATE INDEX "majors_unit_idx" ON "majors" USING btree ("tenant_id","org_unit_id");--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_uscc_key" ON "organizations" USING btree ("tenant_id","uscc") WHERE "organizations"."uscc" is not null and "organizations"."deleted_at" is null and "organizations"."status" <> 'merged';--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "organizations" USING btree ("tenant_id","kind","name_zh");--> statement-breakpoint
CREATE INDEX "organizations_name_zh_trgm" ON "organizations" USING gin ("name_zh" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_name_en_trgm" ON "organizations" USING gin (lower("name_en") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_org_key" ON "partnerships" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "affiliations_person_idx" ON "affiliations" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "affiliations_org_idx" ON "affiliations" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("tenant_id","name_zh");--> statement-breakpoint
CREATE INDEX "facts_year_idx" ON "facts" USING btree ("tenant_id","year","code");--> statement-breakpoint
CREATE INDEX "facts_program_idx" ON "facts" USING btree ("tenant_id","program_id");--> statement-breakpoint
CREATE INDEX "program_milestones_idx" ON "program_milestones" USING btree ("tenant_id","program_id");--> statement-breakpoint
CREATE INDEX "programs_dimension_idx" ON "programs" USING btree ("tenant_id","dimension");--> statement-breakpoint
CREATE INDEX "programs_orgs_idx" ON "programs" USING gin ("organization_ids");