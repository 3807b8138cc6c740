"""The rules stage: SPARQL rules (``*.rq``) and the findings they produce."""
