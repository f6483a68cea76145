"""A contest decided by votes (seed 000): voters, their secret ballots, and the count.

Voters are a jury of accredited journalists and bloggers: like jurors they prove a
ballot is theirs by address and token, but each has one vote, and who voted for whom is
never written anywhere the organizers can read.
"""
