"""The source of a briefing: its YAML read with positions (`load`), the content model
(`model`, `manifest`), validation into it with messages for authors (`validate`), the
Markdown it may use (`markup`), words and reading time (`words`), the JSON Schema for
editors (`schema`) and the starting file of `briefing new` (`new`)."""
