"""Reading a report's text into a ``Report``: internal, the public names are in ``gov_disclosure``.

``noise`` absorbs layout noise before lexing (normalisation, junk lines, prose, comma-separated
tables); ``grammar`` loads the format's grammar and widens its labels; ``contextual_lexer``
splits text into the tokens the parser state can accept; ``parser_cache`` keeps the built
parser between processes; ``sections`` finds the six headings; ``transform`` turns parse trees
into tables; ``interleaved`` places 表四 numbers PDF text interleaved with its header;
``metadata`` finds the title and agency; ``pipeline`` is ``parse()``, the front door.
"""
