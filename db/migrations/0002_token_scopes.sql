PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_api_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`label` text NOT NULL,
	`scopes` text DEFAULT 'ingest,read,admin' NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
-- Edited by hand: the old table has only hash, label and created_at; existing tokens get every scope
-- (the column default) and new ids in their creation order.
INSERT INTO `__new_api_tokens`("hash", "label", "created_at") SELECT "hash", "label", "created_at" FROM `api_tokens` ORDER BY "created_at", "hash";--> statement-breakpoint
DROP TABLE `api_tokens`;--> statement-breakpoint
ALTER TABLE `__new_api_tokens` RENAME TO `api_tokens`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash` ON `api_tokens` (`hash`);