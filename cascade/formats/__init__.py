"""Output formats of `cascade check`, one module each."""
