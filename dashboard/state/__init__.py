"""What the pages show, apart from how: the link's view, store access, totals, review tables."""
