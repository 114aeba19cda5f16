CREATE TABLE "sso_logins" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"next" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sso_logins_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sso_settings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"protocol" text DEFAULT 'oidc' NOT NULL,
	"name_zh" text DEFAULT '统一身份认证' NOT NULL,
	"name_en" text DEFAULT 'the college identity service' NOT NULL,
	"issuer" text DEFAULT '' NOT NULL,
	"client_id" text DEFAULT '' NOT NULL,
	"client_secret" text DEFAULT '' NOT NULL,
	"match_by" text DEFAULT 'email' NOT NULL,
	"employee_number_claim" text DEFAULT 'employee_number' NOT NULL,
	"create_users" boolean DEFAULT false NOT NULL,
	"password_login" boolean DEFAULT true NOT NULL,
	CONSTRAINT "sso_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "employee_number" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sso_logins_state_uq" ON "sso_logins" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "sso_logins_expiry_idx" ON "sso_logins" USING btree ("tenant_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_settings_tenant_uq" ON "sso_settings" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_employee_number_uq" ON "users" USING btree ("tenant_id","employee_number") WHERE employee_number is not null;