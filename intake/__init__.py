"""The mailbox side: poll IMAP, keep every message, route it, read applications, answer."""
