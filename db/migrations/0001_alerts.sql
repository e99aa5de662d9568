CREATE TABLE `alert_deliveries` (
	`id` integer PRIMARY KEY NOT NULL,
	`alert_id` integer NOT NULL,
	`recipient` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`batch_id` text,
	`message_id` text,
	`lease_until` integer,
	`sent_at` integer,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_deliveries_key` ON `alert_deliveries` (`alert_id`,`recipient`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_pending` ON `alert_deliveries` (`next_attempt_at`) WHERE "alert_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `alert_deliveries_batch` ON `alert_deliveries` (`batch_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`target` text NOT NULL,
	`level` text NOT NULL,
	`account` text NOT NULL,
	`source` text NOT NULL,
	`point_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_key` ON `alerts` (`conversation_id`,`target`,`level`);--> statement-breakpoint
CREATE INDEX `alerts_created` ON `alerts` (`created_at`);--> statement-breakpoint
CREATE TABLE `daily_summaries` (
	`day` text PRIMARY KEY NOT NULL,
	`recipients` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`message_id` text NOT NULL,
	`lease_until` integer,
	`sent_at` integer,
	`created_at` integer NOT NULL
);
