"""Score sheets out, jurors' replies in, scores recorded and ranked; ballots for voting contests."""
