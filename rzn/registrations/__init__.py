"""Registration and evaluation exports (CSV from HelloAsso, Framaforms, LimeSurvey,
Google Forms, Excel) read into people and answers.

``table`` decodes and parses a file, ``columns`` maps a registrations header,
``people`` and ``workshops`` turn rows into registrations and sign-ups,
``answers`` reads the evaluation questionnaire's answers, ``exports`` finds
the files an event names. Nothing here prints, and nothing here writes.
"""
