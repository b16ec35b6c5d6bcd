"""Pydantic models of the cascade input contract, and the loaders that read it."""

from models.cascade import Capaian, Cascade, Elemen, Jabatan, Organisasi, Rentang
from models.errors import CascadeError, InputError, Problem
from models.loaders import discover_cascades, load_cascade

__all__ = ["Capaian", "Cascade", "CascadeError", "Elemen", "InputError", "Jabatan", "Organisasi",
           "Problem", "Rentang", "discover_cascades", "load_cascade"]
