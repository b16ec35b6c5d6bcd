"""Diagrams, matrices and reports: the pohon kinerja, the matriks cascading and the audit report.

`render.draw` draws the pohon kinerja (Graphviz, or the built-in tidy tree for large trees),
`matrix.cascade_matrix` gives the matriks cascading rows for the `matrix_*` writers, and
`report.report` writes the self-contained HTML audit report. No module here imports click.
"""
