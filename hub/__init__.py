"""The shared floor: what every kind of contest mail and every part of baiqau uses.

Config (`hub.config`), the clock tests fake (`hub.clock`), raw storage on disk
(`hub.storage`), one service per contest (`hub.lock`), texts rendered from Jinja2
templates (`hub.texts`, `hub.humanize`), the database session and schema (`hub.db`,
`hub.schema`, `hub.migrations`), the tables (`hub.models`), and mail in and out for
every kind (`hub.mail`). It imports none of `intake`, `jury`, `reports` or `baiqau`:
they stand on it, and `baiqau` registers their kinds of mail with `hub.mail`.
"""
