"""Watch (veille): public mentions of the company, their analysis, and the crisis cell's early warning."""
