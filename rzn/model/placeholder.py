"""The mark of a value still to be written in an event file.

``rzn init`` writes it (:mod:`rzn.scaffold`), the ``placeholder-left`` rule
finds it (:mod:`rzn.rules.placeholders`) and the plan counts a task as
not done while a value carries it (:mod:`rzn.plan.progress`): one
constant, at the lowest layer that all three may import.
"""

PLACEHOLDER = "À COMPLÉTER"
"""Marks every value the organisers still have to write; easy to search for."""
