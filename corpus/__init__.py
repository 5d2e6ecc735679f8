"""Sample corpus of CTG conventions and council deliberations, with exact ground truth.

Run `python -m ctg.corpus.generate` to (re)write it; see corpus/generate.py for what it holds.
"""
