"""Knowledge of Chinese text written once: the CJK range, numerals, years, days, sentence stops, masks
(placeholders left in 范文/template copies), cited titles and department names."""
