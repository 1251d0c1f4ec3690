"""Watch models: sources of public mentions, the mentions, their analysis and the alerts they raise."""
