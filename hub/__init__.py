"""What intake, jury and reports share: config, database, outbox, scheduler, command line."""
