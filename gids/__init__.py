"""Gehechtheid in pleegzorg: the site's own code (README, "Where things live")."""
