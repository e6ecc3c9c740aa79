"""Knowledge of Chinese text written once: masks (placeholders left in 范文/template copies)."""
