"""The supervision cycle around the reports: who must report and who did (roster), problems
tracked through 整改 until 销号 (rectify). Each module has one job; the CLI is cli/supervision.py."""
