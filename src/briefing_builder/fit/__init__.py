"""Fitting: choose the largest text size at which every panel fits its box.

`predict` asks Pango how many lines each text takes; `measure` reads a laid-out
page's boxes; `fit` decides from them, never from a guess alone.
"""
