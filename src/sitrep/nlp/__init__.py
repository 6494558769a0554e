"""NLP stage: language identification, spaCy parsing, entity corrections."""
