"""Publishing: written outputs. Atomic files and build stamps (`files`), the source inside
an archival PDF (`archive`), page pictures (`preview`), PDFs from elsewhere (`foreign`)
and a bulletin issue's bundle (`bundle`)."""
