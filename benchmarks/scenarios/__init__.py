"""The measured scenarios, each a function returning a JSON-ready dict."""
