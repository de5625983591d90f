"""Tools for testing code that uses gov_disclosure. Not imported by ``import gov_disclosure``.

``gov_disclosure.testing.strategies`` holds hypothesis strategies (needs hypothesis): reports,
and the layouts they are written in, as text or as files. ``docx_file`` and ``pdf_file`` write
a report as a DOCX (python-docx) or a PDF (reportlab, in the font ``fonts`` builds with
fontTools); ``hostile`` holds hostile input shapes.
"""
