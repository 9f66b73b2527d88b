CREATE TABLE `clockwork_status` (
	`team_id` text NOT NULL,
	`candidacy_id` text NOT NULL,
	`person_id` text NOT NULL,
	`project_id` text NOT NULL,
	`status_id` text,
	`clockwork_updated_at` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `candidacy_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `clockwork_status_person_idx` ON `clockwork_status` (`team_id`,`person_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`team_id` text NOT NULL,
	`event_id` text NOT NULL,
	`person_key` text NOT NULL,
	`campaign_id` text,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at` text NOT NULL,
	`received_at` text NOT NULL,
	`received_by` text,
	PRIMARY KEY(`team_id`, `event_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `events_team_person_idx` ON `events` (`team_id`,`person_key`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`person_key` text NOT NULL,
	`run_id` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`lease_until` text,
	`action` text,
	`decision` text,
	`trigger_fired` integer DEFAULT false NOT NULL,
	`reason` text,
	`last_error` text,
	`clockwork_person_id` text,
	`writes` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `sync_runs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_team_event_unique` ON `jobs` (`team_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `jobs_state_idx` ON `jobs` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `jobs_team_person_idx` ON `jobs` (`team_id`,`person_key`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_team_state_idx` ON `jobs` (`team_id`,`state`);--> statement-breakpoint
CREATE INDEX `jobs_run_idx` ON `jobs` (`run_id`,`state`);--> statement-breakpoint
CREATE TABLE `sync_ledger` (
	`team_id` text NOT NULL,
	`firm` text NOT NULL,
	`person_key` text NOT NULL,
	`clockwork_person_id` text,
	`matched_by` text,
	`create_started_at` text,
	`created_at` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `firm`, `person_key`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_ledger_person_idx` ON `sync_ledger` (`team_id`,`firm`,`clockwork_person_id`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`total` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sync_runs_campaign_idx` ON `sync_runs` (`team_id`,`campaign_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_tokens` (
	`team_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`clockwork_webhook_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
