"""Diagrams, matrices and reports (pohon kinerja, matriks cascading): see the rendering issue."""
