"""Wire models: the JSON shapes of the OpenAI API, mirroring the official SDK's types."""
