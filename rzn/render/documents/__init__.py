"""Document builders, one module per document.

Each module registers its builders with :func:`rzn.render.registry.document`;
``rzn.render.registry.MODULES`` lists them in the order ``rzn render`` shows them.
"""
