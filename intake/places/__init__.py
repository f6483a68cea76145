"""Places: the gazetteer of the contest's region, and whether a settlement lies in it."""
