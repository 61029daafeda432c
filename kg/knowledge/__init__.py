"""What kg knows besides the text, shared by several stages: the gazetteer, our word lists and
the reading of dates. Data in ``kg/knowledge/data/*.jsonl``."""
