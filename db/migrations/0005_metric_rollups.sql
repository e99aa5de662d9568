CREATE TABLE `conversation_days` (
	`day` integer NOT NULL,
	`account` text NOT NULL,
	`source` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`responded` integer DEFAULT 0 NOT NULL,
	`within_target` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`fcr_resolved` integer DEFAULT 0 NOT NULL,
	`next_answered` integer DEFAULT 0 NOT NULL,
	`next_within` integer DEFAULT 0 NOT NULL,
	`next_overdue` integer DEFAULT 0 NOT NULL,
	`resolution_due` integer DEFAULT 0 NOT NULL,
	`resolution_within` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `account`, `source`)
);
--> statement-breakpoint
CREATE TABLE `ttfr_buckets` (
	`lower_ms` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ttfr_days` (
	`kind` integer NOT NULL,
	`day` integer NOT NULL,
	`lower_ms` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kind`, `day`, `lower_ms`)
);
--> statement-breakpoint
CREATE INDEX `conversations_unanswered_due` ON `conversations` (`due_at`,`started_at`) WHERE "conversations"."first_response_at" IS NULL;--> statement-breakpoint
CREATE INDEX `conversations_outbound_last` ON `conversations` (`last_at`,`started_at`,`resolved_at`,`touches`) WHERE "conversations"."last_direction" = 'outbound';--> statement-breakpoint
CREATE INDEX `conversations_inbound_resolved` ON `conversations` (`resolved_at`,`started_at`,`touches`) WHERE "conversations"."last_direction" = 'inbound' AND "conversations"."resolved_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_resolution_due` ON `conversations` (`resolution_due_at`) WHERE "conversations"."resolution_due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_resolution_ambiguous` ON `conversations` (`started_at`) WHERE "conversations"."resolution_due_at" IS NOT NULL AND "conversations"."last_direction" = 'outbound' AND "conversations"."resolved_at" > "conversations"."resolution_due_at" AND "conversations"."last_at" <= "conversations"."resolution_due_at";--> statement-breakpoint
CREATE INDEX `conversations_ttfr` ON `conversations` (("first_response_at" - "started_at"),`started_at`) WHERE "conversations"."first_response_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_ttfr_business` ON `conversations` (coalesce("ttfr_business_ms", "first_response_at" - "started_at"),`started_at`) WHERE "conversations"."first_response_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_answered_late` ON `conversations` (`first_response_at`) WHERE "conversations"."first_response_at" > "conversations"."due_at";--> statement-breakpoint
INSERT INTO `ttfr_buckets` (`lower_ms`) VALUES (-1000000000000000), (0), (1000), (1250), (1562), (1953), (2441), (3052), (3815), (4768), (5960), (7451), (9313), (11642), (14552), (18190), (22737), (28422), (35527), (44409), (55511), (69389), (86736), (108420), (135525), (169407), (211758), (264698), (330872), (413590), (516988), (646235), (807794), (1009742), (1262177), (1577722), (1972152), (2465190), (3081488), (3851860), (4814825), (6018531), (7523164), (9403955), (11754944), (14693679), (18367099), (22958874), (28698593), (35873241), (44841551), (56051939), (70064923), (87581154), (109476443), (136845553), (171056941), (213821177), (267276471), (334095589), (417619486), (522024357), (652530447), (815663058), (1019578823), (1274473529), (1593091911), (1991364889), (2489206111), (3111507639), (3889384549), (4861730686), (6077163357), (7596454197), (9495567746);--> statement-breakpoint
INSERT OR IGNORE INTO `settings` (`key`, `value`) VALUES ('conversations_version', '0');--> statement-breakpoint
CREATE TRIGGER `conversations_replace` BEFORE INSERT ON `conversations`
BEGIN
	DELETE FROM conversations WHERE id = NEW.id;
END;--> statement-breakpoint
CREATE TRIGGER `conversations_rollup_insert` AFTER INSERT ON `conversations`
BEGIN
	INSERT INTO conversation_days (day, account, source, conversations, responded, within_target, resolved, fcr_resolved, next_answered, next_within, next_overdue, resolution_due, resolution_within)
	VALUES (NEW.started_at / 86400000, NEW.account, NEW.source, 1, (NEW.first_response_at IS NOT NULL), (NEW.first_response_at IS NOT NULL AND NEW.first_response_at <= NEW.due_at), (NEW.resolved_at IS NOT NULL OR NEW.last_direction = 'outbound'), ((NEW.resolved_at IS NOT NULL OR NEW.last_direction = 'outbound') AND NEW.touches = 1), NEW.next_answered, NEW.next_within, (NEW.next_due_at IS NOT NULL AND NEW.resolved_at IS NULL AND NEW.last_direction = 'inbound'), (NEW.resolution_due_at IS NOT NULL), (NEW.resolution_due_at IS NOT NULL AND CASE WHEN NEW.resolved_at IS NOT NULL THEN NEW.resolved_at <= NEW.resolution_due_at WHEN NEW.last_direction = 'outbound' THEN NEW.last_at <= NEW.resolution_due_at ELSE 0 END))
	ON CONFLICT (day, account, source) DO UPDATE SET conversations = conversations + excluded.conversations, responded = responded + excluded.responded, within_target = within_target + excluded.within_target, resolved = resolved + excluded.resolved, fcr_resolved = fcr_resolved + excluded.fcr_resolved, next_answered = next_answered + excluded.next_answered, next_within = next_within + excluded.next_within, next_overdue = next_overdue + excluded.next_overdue, resolution_due = resolution_due + excluded.resolution_due, resolution_within = resolution_within + excluded.resolution_within;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 0, NEW.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= NEW.first_response_at - NEW.started_at), 1
	WHERE NEW.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 1, NEW.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= coalesce(NEW.ttfr_business_ms, NEW.first_response_at - NEW.started_at)), 1
	WHERE NEW.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	UPDATE settings SET value = value + 1 WHERE key = 'conversations_version';
END;--> statement-breakpoint
CREATE TRIGGER `conversations_rollup_delete` AFTER DELETE ON `conversations`
BEGIN
	INSERT INTO conversation_days (day, account, source, conversations, responded, within_target, resolved, fcr_resolved, next_answered, next_within, next_overdue, resolution_due, resolution_within)
	VALUES (OLD.started_at / 86400000, OLD.account, OLD.source, -1, -(OLD.first_response_at IS NOT NULL), -(OLD.first_response_at IS NOT NULL AND OLD.first_response_at <= OLD.due_at), -(OLD.resolved_at IS NOT NULL OR OLD.last_direction = 'outbound'), -((OLD.resolved_at IS NOT NULL OR OLD.last_direction = 'outbound') AND OLD.touches = 1), -OLD.next_answered, -OLD.next_within, -(OLD.next_due_at IS NOT NULL AND OLD.resolved_at IS NULL AND OLD.last_direction = 'inbound'), -(OLD.resolution_due_at IS NOT NULL), -(OLD.resolution_due_at IS NOT NULL AND CASE WHEN OLD.resolved_at IS NOT NULL THEN OLD.resolved_at <= OLD.resolution_due_at WHEN OLD.last_direction = 'outbound' THEN OLD.last_at <= OLD.resolution_due_at ELSE 0 END))
	ON CONFLICT (day, account, source) DO UPDATE SET conversations = conversations + excluded.conversations, responded = responded + excluded.responded, within_target = within_target + excluded.within_target, resolved = resolved + excluded.resolved, fcr_resolved = fcr_resolved + excluded.fcr_resolved, next_answered = next_answered + excluded.next_answered, next_within = next_within + excluded.next_within, next_overdue = next_overdue + excluded.next_overdue, resolution_due = resolution_due + excluded.resolution_due, resolution_within = resolution_within + excluded.resolution_within;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 0, OLD.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= OLD.first_response_at - OLD.started_at), -1
	WHERE OLD.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 1, OLD.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= coalesce(OLD.ttfr_business_ms, OLD.first_response_at - OLD.started_at)), -1
	WHERE OLD.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	UPDATE settings SET value = value + 1 WHERE key = 'conversations_version';
END;--> statement-breakpoint
CREATE TRIGGER `conversations_rollup_update` AFTER UPDATE OF account, source, started_at, due_at, first_response_at, ttfr_business_ms, next_answered, next_within, next_due_at, resolution_due_at, touches, last_at, last_direction, resolved_at ON `conversations`
BEGIN
	INSERT INTO conversation_days (day, account, source, conversations, responded, within_target, resolved, fcr_resolved, next_answered, next_within, next_overdue, resolution_due, resolution_within)
	VALUES (OLD.started_at / 86400000, OLD.account, OLD.source, -1, -(OLD.first_response_at IS NOT NULL), -(OLD.first_response_at IS NOT NULL AND OLD.first_response_at <= OLD.due_at), -(OLD.resolved_at IS NOT NULL OR OLD.last_direction = 'outbound'), -((OLD.resolved_at IS NOT NULL OR OLD.last_direction = 'outbound') AND OLD.touches = 1), -OLD.next_answered, -OLD.next_within, -(OLD.next_due_at IS NOT NULL AND OLD.resolved_at IS NULL AND OLD.last_direction = 'inbound'), -(OLD.resolution_due_at IS NOT NULL), -(OLD.resolution_due_at IS NOT NULL AND CASE WHEN OLD.resolved_at IS NOT NULL THEN OLD.resolved_at <= OLD.resolution_due_at WHEN OLD.last_direction = 'outbound' THEN OLD.last_at <= OLD.resolution_due_at ELSE 0 END))
	ON CONFLICT (day, account, source) DO UPDATE SET conversations = conversations + excluded.conversations, responded = responded + excluded.responded, within_target = within_target + excluded.within_target, resolved = resolved + excluded.resolved, fcr_resolved = fcr_resolved + excluded.fcr_resolved, next_answered = next_answered + excluded.next_answered, next_within = next_within + excluded.next_within, next_overdue = next_overdue + excluded.next_overdue, resolution_due = resolution_due + excluded.resolution_due, resolution_within = resolution_within + excluded.resolution_within;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 0, OLD.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= OLD.first_response_at - OLD.started_at), -1
	WHERE OLD.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 1, OLD.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= coalesce(OLD.ttfr_business_ms, OLD.first_response_at - OLD.started_at)), -1
	WHERE OLD.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	INSERT INTO conversation_days (day, account, source, conversations, responded, within_target, resolved, fcr_resolved, next_answered, next_within, next_overdue, resolution_due, resolution_within)
	VALUES (NEW.started_at / 86400000, NEW.account, NEW.source, 1, (NEW.first_response_at IS NOT NULL), (NEW.first_response_at IS NOT NULL AND NEW.first_response_at <= NEW.due_at), (NEW.resolved_at IS NOT NULL OR NEW.last_direction = 'outbound'), ((NEW.resolved_at IS NOT NULL OR NEW.last_direction = 'outbound') AND NEW.touches = 1), NEW.next_answered, NEW.next_within, (NEW.next_due_at IS NOT NULL AND NEW.resolved_at IS NULL AND NEW.last_direction = 'inbound'), (NEW.resolution_due_at IS NOT NULL), (NEW.resolution_due_at IS NOT NULL AND CASE WHEN NEW.resolved_at IS NOT NULL THEN NEW.resolved_at <= NEW.resolution_due_at WHEN NEW.last_direction = 'outbound' THEN NEW.last_at <= NEW.resolution_due_at ELSE 0 END))
	ON CONFLICT (day, account, source) DO UPDATE SET conversations = conversations + excluded.conversations, responded = responded + excluded.responded, within_target = within_target + excluded.within_target, resolved = resolved + excluded.resolved, fcr_resolved = fcr_resolved + excluded.fcr_resolved, next_answered = next_answered + excluded.next_answered, next_within = next_within + excluded.next_within, next_overdue = next_overdue + excluded.next_overdue, resolution_due = resolution_due + excluded.resolution_due, resolution_within = resolution_within + excluded.resolution_within;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 0, NEW.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= NEW.first_response_at - NEW.started_at), 1
	WHERE NEW.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	INSERT INTO ttfr_days (kind, day, lower_ms, count)
	SELECT 1, NEW.started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= coalesce(NEW.ttfr_business_ms, NEW.first_response_at - NEW.started_at)), 1
	WHERE NEW.first_response_at IS NOT NULL
	ON CONFLICT (kind, day, lower_ms) DO UPDATE SET count = count + excluded.count;
	UPDATE settings SET value = value + 1 WHERE key = 'conversations_version';
END;--> statement-breakpoint
INSERT INTO conversation_days (day, account, source, conversations, responded, within_target, resolved, fcr_resolved, next_answered, next_within, next_overdue, resolution_due, resolution_within)
SELECT started_at / 86400000, account, source, count(*),
	sum(first_response_at IS NOT NULL), sum(first_response_at IS NOT NULL AND first_response_at <= due_at),
	sum(resolved_at IS NOT NULL OR last_direction = 'outbound'), sum((resolved_at IS NOT NULL OR last_direction = 'outbound') AND touches = 1), sum(next_answered), sum(next_within),
	sum(next_due_at IS NOT NULL AND resolved_at IS NULL AND last_direction = 'inbound'),
	sum(resolution_due_at IS NOT NULL),
	sum(resolution_due_at IS NOT NULL AND CASE WHEN resolved_at IS NOT NULL THEN resolved_at <= resolution_due_at WHEN last_direction = 'outbound' THEN last_at <= resolution_due_at ELSE 0 END)
FROM conversations GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO ttfr_days (kind, day, lower_ms, count)
SELECT 0, started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= first_response_at - started_at), count(*)
FROM conversations WHERE first_response_at IS NOT NULL GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO ttfr_days (kind, day, lower_ms, count)
SELECT 1, started_at / 86400000, (SELECT max(lower_ms) FROM ttfr_buckets WHERE lower_ms <= coalesce(ttfr_business_ms, first_response_at - started_at)), count(*)
FROM conversations WHERE first_response_at IS NOT NULL GROUP BY 1, 2, 3;
