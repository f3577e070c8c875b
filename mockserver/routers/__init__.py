"""HTTP routers: one module per OpenAI resource, plus health and the /_mock control plane."""
