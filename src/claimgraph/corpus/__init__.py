"""The corpus stage: annotation models, time spans, YAML loading and located errors."""
