CREATE TABLE `accounts` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`first_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` integer NOT NULL,
	`source` text NOT NULL,
	`first_message_id` text NOT NULL,
	`customer` text NOT NULL,
	`account` text NOT NULL,
	`account_basis` text NOT NULL,
	`mentions` text NOT NULL,
	`excerpt` text,
	`started_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`first_response_at` integer,
	`first_response_id` text,
	`responder` text,
	`touches` integer NOT NULL,
	`message_count` integer NOT NULL,
	`last_at` integer NOT NULL,
	`last_direction` text NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `conversations_thread` ON `conversations` (`thread_id`);--> statement-breakpoint
CREATE INDEX `conversations_account_started` ON `conversations` (`account`,`started_at`);--> statement-breakpoint
CREATE INDEX `conversations_started` ON `conversations` (`started_at`);--> statement-breakpoint
CREATE INDEX `conversations_open_due` ON `conversations` (`due_at`) WHERE "conversations"."first_response_at" IS NULL AND "conversations"."resolved_at" IS NULL;--> statement-breakpoint
CREATE TABLE `message_links` (
	`source` text NOT NULL,
	`ref_id` text NOT NULL,
	`message_id` text NOT NULL,
	PRIMARY KEY(`source`, `ref_id`, `message_id`)
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`pk` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`direction` text,
	`author` text,
	`account` text,
	`at` integer NOT NULL,
	`in_reply_to` text,
	`conversation_ref` text,
	`text` text,
	`automated` integer DEFAULT false NOT NULL,
	`thread_id` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_source_id` ON `messages` (`source`,`id`);--> statement-breakpoint
CREATE INDEX `messages_thread` ON `messages` (`thread_id`);--> statement-breakpoint
CREATE INDEX `messages_conversation_ref` ON `messages` (`source`,`conversation_ref`) WHERE "messages"."conversation_ref" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
