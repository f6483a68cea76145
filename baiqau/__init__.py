"""The composition root: the command line, the service (which kinds of mail, which
scheduled jobs) and the demo. Only this package knows every kind of contest mail."""
