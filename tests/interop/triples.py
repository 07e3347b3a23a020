"""Parses a JSON-LD file with rdflib (a real JSON-LD processor: contexts expanded, IRIs
resolved) and prints its triples as N-Triples, sorted, for the tests to look for the triples
they expect. Loading any remote context is refused: capimap's files must carry their own.

Usage: triples.py FILE.jsonld
"""

import sys

import rdflib


def main(path):
    g = rdflib.Graph()
    with open(path, encoding="utf-8") as f:
        g.parse(data=f.read(), format="json-ld")
    for line in sorted(g.serialize(format="nt").splitlines()):
        if line.strip():
            print(line)


if __name__ == "__main__":
    main(sys.argv[1])
