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
CREATE TABLE `open_counts` (
	`account` text NOT NULL,
	`source` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account`, `source`)
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
DROP INDEX `conversations_open_due`;--> statement-breakpoint
CREATE INDEX `conversations_resolved_unanswered_due` ON `conversations` (`due_at`,`started_at`) WHERE "conversations"."first_response_at" IS NULL AND "conversations"."resolved_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_outbound_last` ON `conversations` (`last_at`,`started_at`,`resolved_at`,`touches`) WHERE "conversations"."last_direction" = 'outbound';--> statement-breakpoint
CREATE INDEX `conversations_inbound_resolved` ON `conversations` (`resolved_at`,`started_at`,`touches`) WHERE "conversations"."last_direction" = 'inbound' AND "conversations"."resolved_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_resolution_due` ON `conversations` (`resolution_due_at`) WHERE "conversations"."resolution_due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_resolution_ambiguous` ON `conversations` (`started_at`) WHERE "conversations"."resolution_due_at" IS NOT NULL AND "conversations"."last_direction" = 'outbound' AND "conversations"."resolved_at" > "conversations"."resolution_due_at" AND "conversations"."last_at" <= "conversations"."resolution_due_at";--> statement-breakpoint
CREATE INDEX `conversations_ttfr` ON `conversations` (("first_response_at" - "started_at"),`started_at`) WHERE "conversations"."first_response_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_ttfr_business` ON `conversations` (coalesce("ttfr_business_ms", "first_response_at" - "started_at"),`started_at`) WHERE "conversations"."first_response_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_answered_late` ON `conversations` (`first_response_at`) WHERE "conversations"."first_response_at" > "conversations"."due_at";--> statement-breakpoint
CREATE INDEX `conversations_open_due` ON `conversations` (`due_at`,`id`,`warn_at`) WHERE "conversations"."first_response_at" IS NULL AND "conversations"."resolved_at" IS NULL;--> statement-breakpoint
DROP INDEX `messages_thread`;--> statement-breakpoint
CREATE INDEX `messages_thread` ON `messages` (`thread_id`,`at`);--> statement-breakpoint
INSERT INTO `ttfr_buckets` (`lower_ms`) VALUES (-1000000000000000), (0), (1000), (1100), (1210), (1331), (1464), (1611), (1772), (1949), (2144), (2358), (2594), (2853), (3138), (3452), (3797), (4177), (4595), (5054), (5560), (6116), (6727), (7400), (8140), (8954), (9850), (10835), (11918), (13110), (14421), (15863), (17449), (19194), (21114), (23225), (25548), (28102), (30913), (34004), (37404), (41145), (45259), (49785), (54764), (60240), (66264), (72890), (80180), (88197), (97017), (106719), (117391), (129130), (142043), (156247), (171872), (189059), (207965), (228762), (251638), (276801), (304482), (334930), (368423), (405265), (445792), (490371), (539408), (593349), (652683), (717952), (789747), (868722), (955594), (1051153), (1156269), (1271895), (1399085), (1538993), (1692893), (1862182), (2048400), (2253240), (2478564), (2726421), (2999063), (3298969), (3628866), (3991753), (4390928), (4830021), (5313023), (5844325), (6428757), (7071633), (7778796), (8556676), (9412344), (10353578), (11388936), (12527829), (13780612), (15158674), (16674541), (18341995), (20176195), (22193814), (24413195), (26854515), (29539966), (32493963), (35743359), (39317695), (43249465), (47574411), (52331852), (57565038), (63321541), (69653696), (76619065), (84280972), (92709069), (101979976), (112177973), (123395771), (135735348), (149308882), (164239771), (180663748), (198730123), (218603135), (240463448), (264509793), (290960772), (320056850), (352062535), (387268788), (425995667), (468595233), (515454757), (567000233), (623700256), (686070281), (754677309), (830145040), (913159544), (1004475499), (1104923049), (1215415354), (1336956889), (1470652578), (1617717836), (1779489619), (1957438581), (2153182439), (2368500683), (2605350752), (2865885827), (3152474410), (3467721851), (3814494036), (4195943439), (4615537783), (5077091561), (5584800717), (6143280789), (6757608868), (7433369755), (8176706730), (8994377403), (9893815144);--> statement-breakpoint
INSERT OR IGNORE INTO `settings` (`key`, `value`) VALUES ('conversations_version', '0');--> statement-breakpoint
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
	INSERT INTO open_counts (account, source, n)
	SELECT NEW.account, NEW.source, 1 WHERE NEW.first_response_at IS NULL AND NEW.resolved_at IS NULL
	ON CONFLICT (account, source) DO UPDATE SET n = n + excluded.n;
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
	INSERT INTO open_counts (account, source, n)
	SELECT OLD.account, OLD.source, -1 WHERE OLD.first_response_at IS NULL AND OLD.resolved_at IS NULL
	ON CONFLICT (account, source) DO UPDATE SET n = n + excluded.n;
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
	INSERT INTO open_counts (account, source, n)
	SELECT OLD.account, OLD.source, -1 WHERE OLD.first_response_at IS NULL AND OLD.resolved_at IS NULL
	ON CONFLICT (account, source) DO UPDATE SET n = n + excluded.n;
	INSERT INTO open_counts (account, source, n)
	SELECT NEW.account, NEW.source, 1 WHERE NEW.first_response_at IS NULL AND NEW.resolved_at IS NULL
	ON CONFLICT (account, source) DO UPDATE SET n = n + excluded.n;
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
FROM conversations WHERE first_response_at IS NOT NULL GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO open_counts (account, source, n)
SELECT account, source, count(*) FROM conversations WHERE first_response_at IS NULL AND resolved_at IS NULL GROUP BY 1, 2;
