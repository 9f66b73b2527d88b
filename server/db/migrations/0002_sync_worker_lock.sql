CREATE TABLE `sync_worker` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`heartbeat_at` text NOT NULL
);
