"""Mail in and out for every kind of contest mail: the IMAP mailbox, the poller and its
IDLE watcher, reading a letter, the router, the pipeline, and the outbox over SMTP.

It knows no kind by name: each kind (applications, jury replies, votes) hands the
pipeline its detectors and handlers from the composition root, `baiqau.service`.
"""
