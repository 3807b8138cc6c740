"""The graph stage: RDF building, claim records, SPARQL, stores and SHACL validation."""
