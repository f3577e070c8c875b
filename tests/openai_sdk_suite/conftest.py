# The vendored suite runs in its own pytest process (test_openai_sdk_suite.py), never in ours.
collect_ignore = ["vendor"]
