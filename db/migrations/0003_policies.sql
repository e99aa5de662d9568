CREATE TABLE `policies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_name_version` ON `policies` (`name`,`version`);--> statement-breakpoint
CREATE TABLE `policy_sets` (
	`id` integer PRIMARY KEY NOT NULL,
	`window_ms` integer NOT NULL,
	`members` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `conversations` ADD `tags` text DEFAULT '  ' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `priority` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `policy` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `policy_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `policy_set` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `warn_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `ttfr_business_ms` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `next_answered` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `next_within` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `next_pending_since` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `next_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `resolution_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `alert_from` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `alert_until` integer;--> statement-breakpoint
CREATE INDEX `conversations_alert_until` ON `conversations` (`alert_until`) WHERE "conversations"."alert_until" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `tags` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `priority` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `private` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `conversations` SET
	`warn_at` = `started_at` + CAST((`due_at` - `started_at`) * 0.75 AS INTEGER),
	`ttfr_business_ms` = `first_response_at` - `started_at`,
	`alert_from` = CASE WHEN `first_response_at` IS NULL AND `resolved_at` IS NULL
		THEN `started_at` + CAST((`due_at` - `started_at`) * 0.75 AS INTEGER) END,
	`alert_until` = CASE WHEN `first_response_at` IS NULL AND `resolved_at` IS NULL THEN `due_at` END;
