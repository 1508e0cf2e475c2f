"""The evaluation report of one event (``rzn report``) and the figures of a cycle (``rzn stats``).

``figures`` counts answers, ``privacy`` keeps personal data out, ``charts``
draws bar charts as data tables, ``build`` assembles one event's report as data,
``write`` renders and writes it, ``cycle`` adds up the events of a cycle.
"""
