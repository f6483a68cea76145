"""The demo (`python -m baiqau.demo`): a whole contest on this machine, with an IMAP and
SMTP server inside the process, so a new user sees baiqau work before trusting it with a
real mailbox."""
